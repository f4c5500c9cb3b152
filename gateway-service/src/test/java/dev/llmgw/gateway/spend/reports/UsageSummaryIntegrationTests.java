package dev.llmgw.gateway.spend.reports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.TestGatewayConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /spend/summary}, on PostgreSQL and on H2: exact sums over a date range by day,
 * model, key (with its alias), user and team (with its alias), the biggest first; a
 * user's key sees only its user's rows; bad ranges get a 400 naming the field.
 */
class UsageSummaryIntegrationTests {

	private static final String MASTER_KEY = TestGatewayConfig.MASTER_KEY;

	@TempDir
	Path dataDir;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "postgresql", "h2" })
	void sumsTheRangeByDayModelKeyUserAndTeamWithinTheCallersRights(String database) {
		ConfigurableApplicationContext gateway = GatewayInstances.start("--gateway.data-dir=" + this.dataDir,
				database.equals("postgresql") ? "--gateway.database-url=" + ExternalServices.newPostgresDatabase()
						: "--gateway.database-url=");
		try {
			AdminClient admin = new AdminClient(GatewayInstances.baseUrl(gateway));
			String id = UUID.randomUUID().toString().substring(0, 8);
			String teamId = admin.post("/team/new", MASTER_KEY, Map.of("team_alias", "summary-team-" + id))
				.text("/team_id");
			String firstKey = admin
				.post("/key/generate", MASTER_KEY,
						Map.of("user_id", "sum-u1-" + id, "key_alias", "first-" + id, "team_id", teamId))
				.text("/key");
			String secondKey = admin
				.post("/key/generate", MASTER_KEY, Map.of("user_id", "sum-u2-" + id, "key_alias", "second-" + id))
				.text("/key");
			String first = admin.get("/key/info?key=" + firstKey, MASTER_KEY).text("/key");
			String firstHash = dev.llmgw.gateway.auth.KeyHashes.sha256Hex(firstKey);
			String secondHash = dev.llmgw.gateway.auth.KeyHashes.sha256Hex(secondKey);
			assertThat(first).isEqualTo(firstKey);
			RowStore rows = gateway.getBean(RowStore.class);
			daily(rows, "sum-u1-" + id, "2026-03-01", firstHash, "gpt-4o", 1.0, 2);
			daily(rows, "sum-u1-" + id, "2026-03-02", firstHash, "claude-3-haiku", 0.5, 1);
			daily(rows, "sum-u2-" + id, "2026-03-01", secondHash, "gpt-4o", 3.0, 3);
			daily(rows, "sum-u2-" + id, "2026-02-28", secondHash, "gpt-4o", 100, 1);
			team(rows, teamId, "2026-03-01", firstHash, 1.0);

			JsonNode all = admin.get("/spend/summary?start_date=2026-03-01&end_date=2026-03-02", MASTER_KEY).json();
			assertThat(all.at("/days/0/name").asString()).isEqualTo("2026-03-01");
			assertThat(all.at("/days/0/spend").asDouble()).isEqualTo(4.0);
			assertThat(all.at("/days/0/api_requests").asLong()).isEqualTo(5);
			assertThat(all.at("/days/0/total_tokens").asLong()).isEqualTo(150);
			assertThat(all.at("/days/1/spend").asDouble()).isEqualTo(0.5);
			assertThat(all.path("days")).as("the day before the range is out").hasSize(2);
			assertThat(all.at("/models/0/name").asString()).isEqualTo("gpt-4o");
			assertThat(all.at("/models/0/spend").asDouble()).isEqualTo(4.0);
			assertThat(all.at("/api_keys/0/name").asString()).isEqualTo(secondHash);
			assertThat(all.at("/api_keys/0/label").asString()).isEqualTo("second-" + id);
			assertThat(all.at("/api_keys/1/spend").asDouble()).isEqualTo(1.5);
			assertThat(all.at("/users/0/name").asString()).isEqualTo("sum-u2-" + id);
			assertThat(all.at("/teams/0/label").asString()).isEqualTo("summary-team-" + id);

			JsonNode own = admin.get("/spend/summary?start_date=2026-03-01&end_date=2026-03-02", firstKey).json();
			assertThat(own.path("api_keys")).hasSize(1);
			assertThat(own.at("/api_keys/0/name").asString()).isEqualTo(firstHash);
			assertThat(own.path("users")).hasSize(1);
			assertThat(own.at("/days/0/spend").asDouble()).isEqualTo(1.0);

			assertThat(admin.get("/spend/summary?start_date=2026-03-02&end_date=2026-03-01", MASTER_KEY).status())
				.isEqualTo(400);
			assertThat(admin.get("/spend/summary?start_date=2025-01-01&end_date=2026-03-01", MASTER_KEY).status())
				.isEqualTo(400);
			AdminClient.Reply missing = admin.get("/spend/summary?start_date=2026-03-01", MASTER_KEY);
			assertThat(missing.status()).isEqualTo(400);
			assertThat(missing.body()).contains("end_date");
			assertThat(admin.get("/spend/summary?start_date=march&end_date=2026-03-01", MASTER_KEY).status())
				.isEqualTo(400);
			// years past 9999 would order before '2' as text and lift the range's cap
			assertThat(admin.get("/spend/summary?start_date=%2B10000-01-01&end_date=2026-12-31", firstKey).status())
				.isEqualTo(400);
			assertThat(admin.get("/spend/logs?end_date=%2B999999999-12-31", MASTER_KEY).status()).isEqualTo(400);
		}
		finally {
			gateway.close();
		}
	}

	private static void daily(RowStore rows, String user, String date, String key, String model, double spend,
			long requests) {
		rows.database()
			.one((client) -> client.sql("INSERT INTO daily_user_spend (id, user_id, date, api_key, model, model_group, "
					+ "custom_llm_provider, prompt_tokens, completion_tokens, spend, api_requests, successful_requests, "
					+ "failed_requests, created_at, updated_at) VALUES (:id, :user, :date, :key, :model, :model, "
					+ "'openai', :prompt, :completion, :spend, :requests, :requests, 0, CURRENT_TIMESTAMP, "
					+ "CURRENT_TIMESTAMP)")
				.bind("id", UUID.randomUUID().toString())
				.bind("user", user)
				.bind("date", date)
				.bind("key", key)
				.bind("model", model)
				.bind("prompt", 20 * requests)
				.bind("completion", 10 * requests)
				.bind("spend", spend)
				.bind("requests", requests)
				.then())
			.block(Duration.ofSeconds(10));
	}

	private static void team(RowStore rows, String team, String date, String key, double spend) {
		rows.database()
			.one((client) -> client.sql("INSERT INTO daily_team_spend (id, team_id, date, api_key, model, model_group, "
					+ "custom_llm_provider, prompt_tokens, completion_tokens, spend, api_requests, successful_requests, "
					+ "failed_requests, created_at, updated_at) VALUES (:id, :team, :date, :key, 'gpt-4o', 'gpt-4o', "
					+ "'openai', 40, 20, :spend, 2, 2, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
				.bind("id", UUID.randomUUID().toString())
				.bind("team", team)
				.bind("date", date)
				.bind("key", key)
				.bind("spend", spend)
				.then())
			.block(Duration.ofSeconds(10));
	}

}
