package dev.llmgw.gateway.spend.reports;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.llmgw.gateway.storage.Column;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.storage.Table;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.TestGatewayConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Usage page's windows: a summary that adds today's rows to a window of the closed
 * days answers exactly what the full query answers, on PostgreSQL and on H2, whether the
 * window proves its top 50 (names kept beyond the 50th) or cannot (too few kept, so the
 * full query answers); one instance sums a window however many try at once, and a claim
 * left by an instance that died is taken over.
 */
class UsageWindowsIntegrationTests {

	private static final String MASTER_KEY = TestGatewayConfig.MASTER_KEY;

	private static final Table USER_DAYS = daily("daily_user_spend", "user_id");

	private static final Table TEAM_DAYS = daily("daily_team_spend", "team_id");

	@TempDir
	Path dataDir;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "postgresql", "h2" })
	void aWindowPlusTodayAnswersWhatTheFullQueryAnswers(String database) {
		ConfigurableApplicationContext gateway = start(database);
		try {
			AdminClient admin = new AdminClient(GatewayInstances.baseUrl(gateway));
			RowStore rows = gateway.getBean(RowStore.class);
			UsageSummary summary = gateway.getBean(UsageSummary.class);
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			// ten days, so that the gateway's own job (7 and 30 days) never sums it
			LocalDate start = today.minusDays(9);
			seed(rows, start, today, new Random(7));
			String range = "/spend/summary?start_date=" + start + "&end_date=" + today;

			JsonNode full = admin.get(range, MASTER_KEY).json();
			assertThat(full.path("api_keys")).hasSize(50);
			assertThat(full.path("users")).hasSize(40);
			assertThat(full.path("days")).hasSize(10);

			// 80 names kept: the 50th key's total is far above the 80th's plus a day
			UsageWindows proving = new UsageWindows(rows, Clock.systemUTC(), 80, null);
			assertThat(proving.compute(start, today.minusDays(1)).block(Duration.ofSeconds(30))).isTrue();
			assertThat(proving.compute(start, today.minusDays(1)).block(Duration.ofSeconds(30)))
				.as("a window is summed once")
				.isFalse();
			long before = summary.fullQueries();
			JsonNode windowed = admin.get(range, MASTER_KEY).json();
			assertSame(windowed, full);
			assertThat(summary.fullQueries()).as("every breakdown proved from the window").isEqualTo(before);

			// today moves on: a new call today shows at once
			List<Map<String, @Nullable Object>> late = new ArrayList<>();
			late.add(row("user-late", today, "key-late", "late-model", 100_000.0));
			insert(rows, USER_DAYS, late);
			JsonNode moved = admin.get(range, MASTER_KEY).json();
			assertThat(moved.at("/api_keys/0/name").asString()).isEqualTo("key-late");
			assertThat(moved.at("/models/0/name").asString()).isEqualTo("late-model");
			assertThat(moved.at("/days/9/spend").asDouble()).isEqualTo(full.at("/days/9/spend").asDouble() + 100_000.0,
					within(1e-6));

			// a window that kept too few names to prove the top 50: the full query
			// answers
			LocalDate otherStart = start.plusDays(1);
			String otherRange = "/spend/summary?start_date=" + otherStart + "&end_date=" + today;
			JsonNode otherFull = admin.get(otherRange, MASTER_KEY).json();
			UsageWindows thin = new UsageWindows(rows, Clock.systemUTC(), 5, null);
			assertThat(thin.compute(otherStart, today.minusDays(1)).block(Duration.ofSeconds(30))).isTrue();
			long beforeThin = summary.fullQueries();
			assertSame(admin.get(otherRange, MASTER_KEY).json(), otherFull);
			assertThat(summary.fullQueries()).as("models, keys, users and teams fell back").isEqualTo(beforeThin + 4);
		}
		finally {
			gateway.close();
		}
	}

	/**
	 * PostgreSQL only: instances share a window only through a shared database, and the
	 * embedded one serves a single instance.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "postgresql" })
	void oneInstanceSumsAWindowAndAStaleClaimIsTakenOver(String database) {
		ConfigurableApplicationContext gateway = start(database);
		try {
			RowStore rows = gateway.getBean(RowStore.class);
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			LocalDate start = today.minusDays(11);
			seed(rows, start, today, new Random(11));
			AtomicInteger summed = new AtomicInteger();
			Flux.range(0, 6)
				.flatMap((i) -> new UsageWindows(rows, Clock.systemUTC(), 100, null).compute(start, today.minusDays(1))
					.doOnNext((won) -> {
						if (won) {
							summed.incrementAndGet();
						}
					}), 6)
				.blockLast(Duration.ofSeconds(60));
			assertThat(summed).as("one of six summed it").hasValue(1);
			assertThat(count(rows,
					"SELECT COUNT(*) AS n FROM usage_windows WHERE window_id IN (SELECT window_id FROM "
							+ "usage_window_state WHERE start_date = '" + start + "')"))
				.isEqualTo(11 + 8 + 100 + 40 + 10);

			// an instance that died summing: its claim is an hour old and has no window
			LocalDate other = start.plusDays(2);
			rows.database()
				.one((client) -> client
					.sql("INSERT INTO usage_window_claims (start_date, end_date, claimed_at) VALUES (:s, :e, :at)")
					.bind("s", other.toString())
					.bind("e", today.minusDays(1).toString())
					.bind("at", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1))
					.then())
				.block(Duration.ofSeconds(10));
			UsageWindows fresh = new UsageWindows(rows, Clock.systemUTC(), 100, null);
			assertThat(fresh.compute(other, today.minusDays(1)).block(Duration.ofSeconds(30))).isTrue();
			UsageWindows.Window first = fresh.find(other, today.minusDays(1)).block(Duration.ofSeconds(10));
			assertThat(first).isNotNull();

			// an import into a closed day: the range is summed again, under a new id
			List<Map<String, @Nullable Object>> imported = new ArrayList<>();
			imported.add(row("user-imported", other, "key-imported", "model-0", 5.0));
			insert(rows, USER_DAYS, imported);
			assertThat(fresh.compute(other, today.minusDays(1)).block(Duration.ofSeconds(30))).isTrue();
			UsageWindows.Window second = fresh.find(other, today.minusDays(1)).block(Duration.ofSeconds(10));
			assertThat(second.id()).isNotEqualTo(first.id());
			assertThat(second.sourceRows()).isEqualTo(first.sourceRows() + 1);
		}
		finally {
			gateway.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "postgresql", "h2" })
	void theStandardRangesAreSummedAnHourAfterMidnightAndDroppedWhenPast(String database) {
		ConfigurableApplicationContext gateway = start(database);
		try {
			RowStore rows = gateway.getBean(RowStore.class);
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			seed(rows, today.minusDays(31), today, new Random(3), 60);
			UsageWindows early = new UsageWindows(rows, at(today, 0, 40), 1000, null);
			early.warm().block(Duration.ofSeconds(60));
			assertThat(early.find(today.minusDays(6), today.minusDays(1)).blockOptional(Duration.ofSeconds(10)))
				.as("yesterday has not settled at 00:40")
				.isEmpty();
			UsageWindows settled = new UsageWindows(rows, at(today, 1, 5), 1000, null);
			settled.warm().block(Duration.ofSeconds(60));
			assertThat(settled.find(today.minusDays(6), today.minusDays(1)).blockOptional(Duration.ofSeconds(10)))
				.isPresent();
			assertThat(settled.find(today.minusDays(29), today.minusDays(1)).blockOptional(Duration.ofSeconds(10)))
				.isPresent();
			long windows = count(rows, "SELECT COUNT(*) AS n FROM usage_window_state");
			settled.warm().block(Duration.ofSeconds(60));
			assertThat(count(rows, "SELECT COUNT(*) AS n FROM usage_window_state")).as("nothing new to sum")
				.isEqualTo(windows);

			UsageWindows later = new UsageWindows(rows, at(today.plusDays(2), 0, 10), 1000, null);
			later.warm().block(Duration.ofSeconds(60));
			assertThat(count(rows, "SELECT COUNT(*) AS n FROM usage_window_state WHERE end_date < '" + today + "'"))
				.as("windows ending before the day before yesterday are dropped")
				.isZero();
			assertThat(count(rows, "SELECT COUNT(*) AS n FROM usage_windows WHERE window_id NOT IN "
					+ "(SELECT window_id FROM usage_window_state)"))
				.isZero();
		}
		finally {
			gateway.close();
		}
	}

	/** A gateway on a new PostgreSQL database or on H2, its own window job off. */
	private ConfigurableApplicationContext start(String database) {
		return GatewayInstances.start("--gateway.data-dir=" + this.dataDir, "--gateway.usage-window-interval=0s",
				database.equals("postgresql") ? "--gateway.database-url=" + ExternalServices.newPostgresDatabase()
						: "--gateway.database-url=");
	}

	private static Clock at(LocalDate day, int hour, int minute) {
		return Clock.fixed(day.atTime(hour, minute).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
	}

	/**
	 * 400 keys of 40 users with a long tail, 8 models, 10 teams, a row per key every day:
	 * key i spends about 1000/(i+1) a day, so the top keys stand well apart.
	 */
	private static void seed(RowStore rows, LocalDate start, LocalDate end, Random random) {
		seed(rows, start, end, random, 400);
	}

	private static void seed(RowStore rows, LocalDate start, LocalDate end, Random random, int keys) {
		List<Map<String, @Nullable Object>> users = new ArrayList<>();
		List<Map<String, @Nullable Object>> teams = new ArrayList<>();
		for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
			for (int key = 0; key < keys; key++) {
				double spend = 1000.0 / (key + 1) * (0.9 + 0.2 * random.nextDouble());
				String model = "model-" + (key % 8);
				users.add(row("user-" + (key % 40), day, "key-" + key, model, spend));
				Map<String, @Nullable Object> team = row("unused", day, "key-" + key, model, spend);
				team.remove("user_id");
				team.put("team_id", "team-" + (key % 10));
				teams.add(team);
			}
		}
		insert(rows, USER_DAYS, users);
		insert(rows, TEAM_DAYS, teams);
	}

	private static Map<String, @Nullable Object> row(String user, LocalDate day, String key, String model,
			double spend) {
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		row.put("id", UUID.randomUUID().toString());
		row.put("user_id", user);
		row.put("date", day.toString());
		row.put("api_key", key);
		row.put("model", model);
		row.put("model_group", model);
		row.put("custom_llm_provider", "openai");
		row.put("prompt_tokens", 20L);
		row.put("completion_tokens", 10L);
		row.put("spend", spend);
		row.put("api_requests", 1L);
		row.put("successful_requests", 1L);
		row.put("failed_requests", 0L);
		row.put("created_at", OffsetDateTime.now(ZoneOffset.UTC));
		row.put("updated_at", OffsetDateTime.now(ZoneOffset.UTC));
		return row;
	}

	private static void insert(RowStore rows, Table table, List<Map<String, @Nullable Object>> found) {
		rows.database().inTransaction((client) -> rows.insertAll(client, table, found)).block(Duration.ofSeconds(60));
	}

	private static long count(RowStore rows, String sql) {
		return rows.database()
			.one((client) -> client.sql(sql).map((row) -> ((Number) row.get(0)).longValue()).first())
			.blockOptional(Duration.ofSeconds(10))
			.orElse(0L);
	}

	/** The same names in the same order, the same sums (spend to rounding). */
	private static void assertSame(JsonNode actual, JsonNode expected) {
		for (String part : List.of("days", "models", "api_keys", "users", "teams")) {
			JsonNode got = actual.path(part);
			JsonNode want = expected.path(part);
			assertThat(got.size()).as(part).isEqualTo(want.size());
			for (int i = 0; i < want.size(); i++) {
				assertThat(got.get(i).path("name").asString()).as(part + " " + i)
					.isEqualTo(want.get(i).path("name").asString());
				assertThat(got.get(i).path("spend").asDouble()).as(part + " " + i)
					.isEqualTo(want.get(i).path("spend").asDouble(), within(1e-6));
				for (String count : List.of("prompt_tokens", "completion_tokens", "api_requests", "successful_requests",
						"failed_requests")) {
					assertThat(got.get(i).path(count).asLong()).as(part + " " + i + " " + count)
						.isEqualTo(want.get(i).path(count).asLong());
				}
			}
		}
	}

	private static Table daily(String name, String owner) {
		return Table.of(name, "id", List.of(Column.text("id"), Column.text(owner), Column.text("date"),
				Column.text("api_key"), Column.text("model"), Column.text("model_group"),
				Column.text("custom_llm_provider"), Column.bigint("prompt_tokens"), Column.bigint("completion_tokens"),
				Column.decimal("spend"), Column.bigint("api_requests"), Column.bigint("successful_requests"),
				Column.bigint("failed_requests"), Column.timestamp("created_at"), Column.timestamp("updated_at")));
	}

}
