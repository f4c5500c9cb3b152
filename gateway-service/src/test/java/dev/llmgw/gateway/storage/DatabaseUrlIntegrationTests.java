package dev.llmgw.gateway.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.DatabaseQueries;
import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code general_settings.database_url}: the gateway's database when {@code DATABASE_URL}
 * is not set, instead of the embedded one; the variable wins when it is. Each test's
 * PostgreSQL databases are its own, dropped when the class ends.
 */
class DatabaseUrlIntegrationTests {

	private static final String MASTER_KEY = "sk-database-url-master";

	@TempDir
	Path dir;

	@Test
	void theConfiguredDatabaseHoldsTheRowsWhenDatabaseUrlIsUnset() throws Exception {
		String configured = ExternalServices.newPostgresDatabase();
		String alias = "configured-" + UUID.randomUUID();
		// an empty gateway.database-url is DATABASE_URL unset, whatever this JVM's
		// environment holds
		try (ConfigurableApplicationContext gateway = start(configured, "--gateway.database-url=")) {
			generateKey(gateway, alias);
		}
		assertThat(
				DatabaseQueries.number(configured, "SELECT COUNT(*) FROM api_keys WHERE key_alias = '" + alias + "'"))
			.isEqualTo(1);
		assertThat(dir.resolve("data")).as("no embedded database was made").doesNotExist();
	}

	@Test
	void databaseUrlTheVariableWinsOverTheConfiguredOne() throws Exception {
		String configured = ExternalServices.newPostgresDatabase();
		String variable = ExternalServices.newPostgresDatabase();
		String alias = "variable-" + UUID.randomUUID();
		try (ConfigurableApplicationContext gateway = start(configured, "--gateway.database-url=" + variable)) {
			generateKey(gateway, alias);
		}
		assertThat(DatabaseQueries.number(variable, "SELECT COUNT(*) FROM api_keys WHERE key_alias = '" + alias + "'"))
			.isEqualTo(1);
		assertThat(DatabaseQueries.number(configured,
				"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'api_keys'"))
			.as("the configured database is not even migrated")
			.isZero();
	}

	private ConfigurableApplicationContext start(String databaseUrl, String databaseSetting) throws Exception {
		Path config = Files.writeString(this.dir.resolve("config.yaml"), """
				model_list:
				  - model_name: gpt-4o-mini
				    litellm_params: {model: openai/gpt-4o-mini, api_base: "%s", api_key: k}
				general_settings:
				  master_key: %s
				  database_url: "%s"
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), MASTER_KEY, databaseUrl));
		return GatewayInstances.startWithConfig(config, databaseSetting,
				"--gateway.data-dir=" + this.dir.resolve("data"));
	}

	private static void generateKey(ConfigurableApplicationContext gateway, String alias) {
		AdminClient.Reply key = new AdminClient(GatewayInstances.baseUrl(gateway)).post("/key/generate", MASTER_KEY,
				Map.of("key_alias", alias));
		assertThat(key.status()).as(key.body()).isEqualTo(200);
	}

}
