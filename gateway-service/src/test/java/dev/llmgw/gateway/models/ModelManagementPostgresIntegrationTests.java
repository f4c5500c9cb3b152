package dev.llmgw.gateway.models;

import dev.llmgw.gateway.support.ExternalServices;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The model management tests again, on a PostgreSQL database of their own. */
class ModelManagementPostgresIntegrationTests extends ModelManagementIntegrationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		registry.add("gateway.database-url", () -> databaseUrl);
	}

}
