package dev.llmgw.gateway.admin;

import dev.llmgw.gateway.support.ExternalServices;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The admin API tests again, on a PostgreSQL database of their own (DATABASE_URL in the
 * original's format).
 */
class AdminApiPostgresIntegrationTests extends AdminApiIntegrationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		registry.add("gateway.database-url", () -> databaseUrl);
	}

}
