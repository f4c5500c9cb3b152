package dev.llmgw.gateway.spend;

import dev.llmgw.gateway.budget.BudgetKind;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.DatabaseQueries;
import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.TestGatewayConfig;
import dev.llmgw.model.openai.Usage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spend queue is bounded: past its size a call's log row is dropped and counted, its
 * cost still reaches the totals, so budgets stay exact while memory stays bounded.
 */
class SpendQueueLimitIntegrationTests {

	@Test
	void aFullQueueDropsLogRowsButNotSpend() throws Exception {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		ConfigurableApplicationContext gateway = GatewayInstances.start("--gateway.database-url=" + databaseUrl);
		try {
			AdminClient api = new AdminClient(GatewayInstances.baseUrl(gateway));
			String user = "queue-user-" + System.nanoTime();
			String key = api.post("/user/new", TestGatewayConfig.MASTER_KEY, Map.of("user_id", user)).text("/key");
			String hash = KeyHashes.sha256Hex(key);
			// its own writer, flushed by hand, with room for three calls
			try (SpendRecorder recorder = new SpendRecorder(gateway.getBean(RowStore.class),
					gateway.getBean(JsonMapper.class), true, Duration.ofHours(1), 3)) {
				for (int i = 0; i < 10; i++) {
					recorder.record(event("call-" + i, hash, user, 0.125));
				}
				assertThat(recorder.droppedRows()).isEqualTo(7);
				assertThat(recorder.pendingNanos(BudgetKind.KEY, hash)).as("all ten are pending for the budget")
					.isEqualTo(1_250_000_000L);
				recorder.flush().block(Duration.ofSeconds(30));
				assertThat(DatabaseQueries.number(databaseUrl, "SELECT COUNT(*) FROM spend_logs")).isEqualTo(3);
				assertThat(DatabaseQueries.number(databaseUrl,
						"SELECT spend * 1000 FROM api_keys WHERE token = '" + hash + "'"))
					.as("the key's total counts all ten calls")
					.isEqualTo(1250);
				assertThat(DatabaseQueries.number(databaseUrl,
						"SELECT spend * 1000 FROM users WHERE user_id = '" + user + "'"))
					.as("and its user's")
					.isEqualTo(1250);
				assertThat(recorder.pendingNanos(BudgetKind.KEY, hash)).as("nothing left pending").isZero();
				assertThat(DatabaseQueries.number(databaseUrl,
						"SELECT api_requests FROM daily_user_spend WHERE user_id = '" + user + "'"))
					.as("the day's figures count all ten calls too")
					.isEqualTo(10);
				assertThat(DatabaseQueries.number(databaseUrl,
						"SELECT spend * 1000 FROM daily_user_spend WHERE user_id = '" + user + "'"))
					.isEqualTo(1250);
			}
		}
		finally {
			gateway.close();
		}
	}

	private static SpendEvent event(String id, String keyHash, String userId, double cost) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		return new SpendEvent(id, "acompletion", "success", keyHash, userId, null, null, cost, Usage.NONE, now, now,
				"gpt-4o-mini", "mini-deployment", "gpt-4o-mini", "openai", null);
	}

}
