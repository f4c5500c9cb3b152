package dev.llmgw.gateway.spend;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LiteLLM's daily activity tables, written with the spend-log rows in the same batch, on
 * PostgreSQL and on the embedded H2: per day, user (team, end user), key, model and
 * provider, the calls' tokens, spend and request counts, one row each however many
 * batches and instances add to it.
 */
class DailySpendIntegrationTests {

	@TempDir
	Path dataDir;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "postgresql", "h2" })
	void aDaysCallsAddUpInOneRowPerUserTeamEndUserKeyAndModel(String database) {
		ConfigurableApplicationContext gateway = GatewayInstances.start("--gateway.data-dir=" + this.dataDir,
				database.equals("postgresql") ? "--gateway.database-url=" + ExternalServices.newPostgresDatabase()
						: "--gateway.database-url=");
		RowStore rows = gateway.getBean(RowStore.class);
		String id = "daily-" + System.nanoTime();
		try (SpendRecorder recorder = new SpendRecorder(rows, gateway.getBean(JsonMapper.class), true,
				Duration.ofHours(1))) {
			recorder.record(event("a1", "success", "key-" + id, "user-" + id, "team-" + id, null, 0.5));
			recorder.record(event("a2", "success", "key-" + id, "user-" + id, "team-" + id, null, 0.25));
			recorder.record(event("a3", "failure", "key-" + id, "user-" + id, "team-" + id, null, 0));
			recorder.record(event("b1", "success", "key-" + id, "other-" + id, null, "customer-" + id, 1));
			recorder.record(event("m1", "success", null, null, null, null, 2));
			recorder.flush().block(Duration.ofSeconds(30));

			String user = "FROM daily_user_spend WHERE user_id = 'user-" + id + "'";
			assertThat(number(rows, "SELECT api_requests " + user)).isEqualTo(3);
			assertThat(number(rows, "SELECT successful_requests " + user)).isEqualTo(2);
			assertThat(number(rows, "SELECT failed_requests " + user)).isEqualTo(1);
			assertThat(number(rows, "SELECT spend * 100 " + user)).isEqualTo(75);
			assertThat(number(rows, "SELECT prompt_tokens " + user)).isEqualTo(30);
			assertThat(number(rows, "SELECT completion_tokens " + user)).isEqualTo(15);
			assertThat(text(rows, "SELECT date " + user))
				.isEqualTo(OffsetDateTime.now(ZoneOffset.UTC).toLocalDate().toString());
			assertThat(text(rows, "SELECT model_group " + user)).isEqualTo("gpt-4o-mini");
			assertThat(number(rows, "SELECT api_requests FROM daily_team_spend WHERE team_id = 'team-" + id + "'"))
				.isEqualTo(3);
			assertThat(number(rows, "SELECT spend FROM daily_end_user_spend WHERE end_user_id = 'customer-" + id + "'"))
				.isEqualTo(1);
			assertThat(number(rows, "SELECT COUNT(*) FROM daily_team_spend WHERE api_key = 'key-" + id + "'"))
				.as("no team row for a call without a team")
				.isEqualTo(1);
			assertThat(number(rows, "SELECT SUM(spend) FROM daily_user_spend WHERE user_id = '' AND api_key = ''"))
				.as("the master key's calls, without a user, count too")
				.isGreaterThanOrEqualTo(2);

			// a later batch adds to the same row
			recorder.record(event("a4", "success", "key-" + id, "user-" + id, "team-" + id, null, 0.25));
			recorder.flush().block(Duration.ofSeconds(30));
			assertThat(number(rows, "SELECT COUNT(*) " + user)).isEqualTo(1);
			assertThat(number(rows, "SELECT api_requests " + user)).isEqualTo(4);
			assertThat(number(rows, "SELECT spend * 100 " + user)).isEqualTo(100);
		}
		finally {
			gateway.close();
		}
	}

	/**
	 * Two instances flushing the first calls of the same new row at once: one makes it,
	 * the other finds it made and adds to it.
	 */
	@Test
	void twoInstancesAddToTheSameNewRow() {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		ConfigurableApplicationContext first = GatewayInstances.start("--gateway.database-url=" + databaseUrl);
		ConfigurableApplicationContext second = GatewayInstances.start("--gateway.database-url=" + databaseUrl);
		String id = "race-" + System.nanoTime();
		try (SpendRecorder one = new SpendRecorder(first.getBean(RowStore.class), first.getBean(JsonMapper.class), true,
				Duration.ofHours(1));
				SpendRecorder two = new SpendRecorder(second.getBean(RowStore.class), second.getBean(JsonMapper.class),
						true, Duration.ofHours(1))) {
			for (int round = 0; round < 5; round++) {
				for (int i = 0; i < 20; i++) {
					one.record(event("one-" + round + "-" + i, "success", "key-" + id, "user-" + id, null, null, 0.5));
					two.record(event("two-" + round + "-" + i, "success", "key-" + id, "user-" + id, null, null, 0.5));
				}
				Mono.when(one.flush(), two.flush()).block(Duration.ofSeconds(30));
			}
			RowStore rows = first.getBean(RowStore.class);
			String user = "FROM daily_user_spend WHERE user_id = 'user-" + id + "'";
			assertThat(number(rows, "SELECT COUNT(*) " + user)).isEqualTo(1);
			assertThat(number(rows, "SELECT api_requests " + user)).isEqualTo(200);
			assertThat(number(rows, "SELECT spend " + user)).isEqualTo(100);
		}
		finally {
			first.close();
			second.close();
		}
	}

	static SpendEvent event(String id, String status, @Nullable String keyHash, @Nullable String userId,
			@Nullable String teamId, @Nullable String endUser, double cost) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		return new SpendEvent(id + "-" + System.nanoTime(), "acompletion", status, keyHash, userId, teamId, endUser,
				cost, Usage.of(10, 5), now, now, "gpt-4o-mini", "mini-deployment", "gpt-4o-mini", "openai", null);
	}

	static long number(RowStore rows, String sql) {
		return rows.database()
			.one((client) -> client.sql(sql).map((row) -> Math.round(((Number) row.get(0)).doubleValue())).first())
			.block(Duration.ofSeconds(10));
	}

	private static String text(RowStore rows, String sql) {
		return rows.database()
			.one((client) -> client.sql(sql).map((row) -> String.valueOf(row.get(0))).first())
			.block(Duration.ofSeconds(10));
	}

}
