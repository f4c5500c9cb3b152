package dev.llmgw.gateway.spend;

import dev.llmgw.gateway.budget.BudgetKind;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.DatabaseQueries;
import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.TestGatewayConfig;
import dev.llmgw.model.openai.Usage;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One call the database refuses never holds back the others. Before, a NUL byte in a
 * request's user failed the batched insert, the batch was retried for ever, and the
 * instance wrote no spend until it restarted. Now the batch is written apart around the
 * bad call, which is repaired (NUL replaced) or, when even that fails, set aside and
 * counted; the next calls' spend reaches the database.
 */
class SpendWriterIsolationIntegrationTests {

	@Test
	void aCallTheDatabaseRefusesIsIsolatedAndTheOthersAreWritten() throws Exception {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		ConfigurableApplicationContext gateway = GatewayInstances.start("--gateway.database-url=" + databaseUrl);
		try {
			AdminClient api = new AdminClient(GatewayInstances.baseUrl(gateway));
			String key = api.post("/key/generate", TestGatewayConfig.MASTER_KEY, Map.of()).text("/key");
			String hash = KeyHashes.sha256Hex(key);
			SpendRecorder recorder = gateway.getBean(SpendRecorder.class);
			// what the edge refuses today, had it got through: PostgreSQL stores no NUL
			recorder.record(event("poisoned-call", hash, "u\u0000ser", 0.5));
			// a call id written twice: the second cannot be written, repaired or not
			recorder.record(event("replayed-call", hash, null, 0.25));
			recorder.record(event("replayed-call", hash, null, 0.25));
			assertThat(api.chat(key, "gpt-4o-mini").status()).isEqualTo(200);

			double call = 1 * 1.5e-7 + 3 * 6e-7;
			// both replayed calls are charged: a call id taken by another call loses its
			// row, never its cost (a caller may send any x-litellm-call-id)
			long expected = Math.round((0.5 + 0.25 + 0.25 + call) * 1e9);
			long written = -1;
			for (int i = 0; i < 100 && written != expected; i++) {
				Thread.sleep(100);
				written = DatabaseQueries.number(databaseUrl,
						"SELECT spend * 1e9 FROM api_keys WHERE token = '" + hash + "'");
			}
			assertThat(written).as("the repaired call, both of the replayed pair and the next real call")
				.isEqualTo(expected);
			assertThat(DatabaseQueries.number(databaseUrl, "SELECT COUNT(*) FROM spend_logs")).isEqualTo(3);
			assertThat(DatabaseQueries.number(databaseUrl,
					"SELECT COUNT(*) FROM spend_logs WHERE request_id = 'poisoned-call' AND end_user = 'u\uFFFDser'"))
				.as("written with the NUL replaced")
				.isEqualTo(1);
			assertThat(recorder.setAsideCount()).as("the second of the replayed pair's row, set aside").isEqualTo(1);
			assertThat(recorder.pendingNanos(BudgetKind.KEY, hash)).as("nothing left pending").isZero();
		}
		finally {
			gateway.close();
		}
	}

	@Test
	void valuesThatLookLikeCopysSyntaxAreStoredAsGiven() throws Exception {
		// the writer sends rows in COPY's text format: a tab, newline, backslash or a
		// literal \N in a value must not end a column, a row, or read as null
		String databaseUrl = ExternalServices.newPostgresDatabase();
		ConfigurableApplicationContext gateway = GatewayInstances.start("--gateway.database-url=" + databaseUrl);
		try {
			SpendRecorder recorder = gateway.getBean(SpendRecorder.class);
			java.util.List<String> users = java.util.List.of("tab\there", "line\nbreak\r\nend", "back\\slash\\", "\\N",
					"\\.", "ünï€ode 😀", "'; DROP TABLE spend_logs; --");
			for (int i = 0; i < users.size(); i++) {
				recorder.record(event("copy-" + i, "hash-copy", users.get(i), 0.125));
			}
			long written = 0;
			for (int i = 0; i < 100 && written != users.size(); i++) {
				Thread.sleep(100);
				written = DatabaseQueries.number(databaseUrl,
						"SELECT COUNT(*) FROM spend_logs WHERE request_id LIKE 'copy-%'");
			}
			assertThat(written).isEqualTo(users.size());
			try (java.sql.Connection connection = DatabaseQueries.connect(databaseUrl);
					java.sql.Statement statement = connection.createStatement();
					java.sql.ResultSet rows = statement.executeQuery(
							"SELECT request_id, end_user, spend, start_time FROM spend_logs ORDER BY request_id")) {
				int i = 0;
				while (rows.next()) {
					assertThat(rows.getString("request_id")).isEqualTo("copy-" + i);
					assertThat(rows.getString("end_user")).isEqualTo(users.get(i));
					assertThat(rows.getDouble("spend")).isEqualTo(0.125);
					assertThat(rows.getObject("start_time", OffsetDateTime.class)).isNotNull();
					i++;
				}
				assertThat(i).isEqualTo(users.size());
			}
			assertThat(recorder.setAsideCount()).isZero();
		}
		finally {
			gateway.close();
		}
	}

	private static SpendEvent event(String id, String keyHash, String endUser, double cost) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		return new SpendEvent(id, "acompletion", "success", keyHash, null, null, endUser, cost, Usage.NONE, now, now,
				"gpt-4o-mini", "mini-deployment", "gpt-4o-mini", "openai", null);
	}

}
