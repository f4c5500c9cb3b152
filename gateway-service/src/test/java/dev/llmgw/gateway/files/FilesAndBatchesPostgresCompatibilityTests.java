package dev.llmgw.gateway.files;

import dev.llmgw.gateway.support.ExternalServices;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Files and Batch API tests again on a PostgreSQL database of their own: a list's
 * page starts after its cursor's time and id, a comparison both databases must run alike.
 */
class FilesAndBatchesPostgresCompatibilityTests extends FilesAndBatchesCompatibilityTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		registry.add("gateway.database-url", () -> databaseUrl);
	}

}
