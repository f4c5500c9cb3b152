package dev.llmgw.gateway.models;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.storage.DatabaseSettings;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The model management tests again, on a PostgreSQL database of their own. */
class ModelManagementPostgresIntegrationTests extends ModelManagementIntegrationTests {

	private static final String DATABASE_URL = ExternalServices.newPostgresDatabase();

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("gateway.database-url", () -> DATABASE_URL);
	}

	@Test
	void credentialsAreStoredEncrypted() throws Exception {
		String name = unique("sealed");
		String id = this.admin.post("/model/new", MASTER_KEY, newModel(name)).text("/model_id");
		DatabaseSettings settings = DatabaseSettings.parse(DATABASE_URL);
		try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
				settings.password());
				ResultSet row = connection.createStatement()
					.executeQuery("SELECT litellm_params FROM proxy_models WHERE model_id = '" + id + "'")) {
			assertThat(row.next()).isTrue();
			assertThat(row.getString(1)).doesNotContain(SECRET)
				.doesNotContain("abcdefghijklmnop")
				.contains("enc:v1:")
				.contains("openai/gpt-4o-mini");
		}
		// read back (and so decrypted) on the next load
		assertThat(this.admin
			.post("/model/update", MASTER_KEY,
					java.util.Map.of("litellm_params", java.util.Map.of("rpm", 30), "model_info",
							java.util.Map.of("id", id)))
			.status()).isEqualTo(200);
		assertThat(this.admin.chat(MASTER_KEY, name).status()).isEqualTo(200);
	}

}
