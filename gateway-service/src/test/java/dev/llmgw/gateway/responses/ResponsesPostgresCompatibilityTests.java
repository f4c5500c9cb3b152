package dev.llmgw.gateway.responses;

import dev.llmgw.gateway.support.ExternalServices;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Responses API tests again on a PostgreSQL database of their own: the stored
 * conversation is read back with a recursive query, which both databases must run alike.
 */
class ResponsesPostgresCompatibilityTests extends ResponsesCompatibilityTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		registry.add("gateway.database-url", () -> databaseUrl);
	}

}
