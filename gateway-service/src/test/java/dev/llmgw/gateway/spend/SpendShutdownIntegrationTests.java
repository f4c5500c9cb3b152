package dev.llmgw.gateway.spend;

import java.util.Map;

import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.DatabaseQueries;
import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.TestGatewayConfig;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spend still queued when the gateway stops gracefully is written before it exits: with
 * an hour between flushes, only the shutdown can have written it.
 */
class SpendShutdownIntegrationTests {

	@Test
	void aGracefulShutdownWritesQueuedSpend() throws Exception {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		ConfigurableApplicationContext gateway = GatewayInstances.start("--gateway.database-url=" + databaseUrl,
				"--gateway.spend-flush-interval=1h");
		String key;
		try {
			AdminClient api = new AdminClient(GatewayInstances.baseUrl(gateway));
			key = api.post("/key/generate", TestGatewayConfig.MASTER_KEY, Map.of()).text("/key");
			for (int i = 0; i < 3; i++) {
				assertThat(api.chat(key, "gpt-4o-mini").status()).isEqualTo(200);
			}
			assertThat(DatabaseQueries.number(databaseUrl, "SELECT COUNT(*) FROM spend_logs")).as("nothing written yet")
				.isZero();
		}
		finally {
			gateway.close();
		}
		assertThat(DatabaseQueries.number(databaseUrl, "SELECT COUNT(*) FROM spend_logs")).isEqualTo(3);
		assertThat(DatabaseQueries.number(databaseUrl,
				"SELECT spend * 1e9 FROM api_keys WHERE token = '" + KeyHashes.sha256Hex(key) + "'"))
			.as("nano-dollars")
			.isEqualTo(Math.round(3 * (1 * 1.5e-7 + 3 * 6e-7) * 1e9));
	}

}
