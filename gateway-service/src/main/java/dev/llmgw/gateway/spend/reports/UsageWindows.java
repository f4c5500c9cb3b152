package dev.llmgw.gateway.spend.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.storage.SpendTables;
import dev.llmgw.ids.Ids;
import dev.llmgw.storage.Database;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The Usage page's standard ranges (the last 7 and the last 30 days) summed over their
 * closed days, so that {@link UsageSummary} adds only today's rows to them instead of
 * grouping a month of daily rows (a million at 34,000 active keys a day) on every page. A
 * window keeps every day and the {@value #DEFAULT_KEPT} biggest models, keys, users and
 * teams; the spend of the last one kept bounds every name left out, which is what lets
 * the summary prove its top 50 exact or fall back to the full query.
 * <p>
 * A day is summed an hour after it ends ({@link #SETTLE}), when the calls started before
 * midnight have been written. A range whose days gained rows since (an import of old
 * spend, say) is summed again under a new id: the rows of a window never change, a
 * summary reads the newest complete one, and older ones are dropped {@link #STALE_CLAIM}
 * later, after any summary still reading them. Instances share the work: a range being
 * summed is not summed again until its claim is {@link #STALE_CLAIM} old (two instances
 * that claim at once both sum it, harmlessly).
 */
public final class UsageWindows implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(UsageWindows.class);

	/** The ranges the Usage page offers, in days, today included. */
	static final List<Integer> LENGTHS = List.of(7, 30);

	/** Names kept per dimension. */
	static final int DEFAULT_KEPT = 1000;

	/** How long after a day ends before it is summed. */
	static final Duration SETTLE = Duration.ofHours(1);

	/**
	 * A claim older than this with no window is an instance's that died summing it; a
	 * window replaced this long ago is no longer read.
	 */
	static final Duration STALE_CLAIM = Duration.ofMinutes(15);

	/** What a summary breaks spend down by. */
	enum Dimension {

		DAY("day", "daily_user_spend", "date"), MODEL("model", "daily_user_spend", "model"),
		KEY("key", "daily_user_spend", "api_key"), USER("user", "daily_user_spend", "user_id"),
		TEAM("team", "daily_team_spend", "team_id");

		final String label;

		final String table;

		final String column;

		Dimension(String label, String table, String column) {
			this.label = label;
			this.table = table;
			this.column = column;
		}

	}

	/**
	 * A complete window.
	 *
	 * @param id its rows' window_id
	 * @param sourceRows the daily rows it summed
	 * @param bounds per dimension, the spend of the last name kept when more were left
	 * out, else 0: no name left out spent more
	 */
	record Window(String id, long sourceRows, Map<Dimension, Double> bounds) {

		double bound(Dimension dimension) {
			return this.bounds.getOrDefault(dimension, 0.0);
		}

	}

	private final RowStore rows;

	private final Database database;

	private final Clock clock;

	private final int kept;

	private final @Nullable Disposable timer;

	/**
	 * @param rows the database
	 * @param clock the time (UTC days)
	 * @param kept names kept per dimension
	 * @param interval how often to look for windows to sum, null or zero for never (tests
	 * sum them with {@link #compute})
	 */
	UsageWindows(RowStore rows, Clock clock, int kept, @Nullable Duration interval) {
		this.rows = rows;
		this.database = rows.database();
		this.clock = clock;
		this.kept = kept;
		this.timer = (interval == null || interval.isZero()) ? null
				: Flux.interval(Duration.ofSeconds(10), interval, Schedulers.parallel())
					.onBackpressureDrop()
					.concatMap((tick) -> warm().onErrorResume((error) -> {
						log.warn("usage windows not summed, will retry: {}", error.toString());
						return Mono.empty();
					}))
					.subscribe();
	}

	LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
	}

	/**
	 * Sums the standard ranges' closed days once they have settled, again when their days
	 * gained rows, and drops windows no summary reads any more.
	 */
	Mono<Void> warm() {
		LocalDate today = today();
		OffsetDateTime settled = today.atStartOfDay().atOffset(ZoneOffset.UTC).plus(SETTLE);
		Mono<Void> sum = OffsetDateTime.now(this.clock).isBefore(settled) ? Mono.empty()
				: Flux.fromIterable(LENGTHS)
					.concatMap((days) -> compute(today.minusDays(days - 1), today.minusDays(1)))
					.then();
		return sum.then(prune(today.minusDays(2)));
	}

	/** The newest complete window of these days, empty when none has been summed. */
	Mono<Window> find(LocalDate start, LocalDate end) {
		return this.database.one((client) -> client
			.sql("SELECT window_id, source_rows, model_bound, key_bound, user_bound, team_bound FROM "
					+ "usage_window_state WHERE start_date = :start AND end_date = :end ORDER BY completed_at DESC LIMIT 1")
			.bind("start", start.toString())
			.bind("end", end.toString())
			.fetch()
			.first()).map((row) -> {
				Map<Dimension, Double> bounds = new EnumMap<>(Dimension.class);
				bounds.put(Dimension.MODEL, UsageSummary.number(UsageSummary.value(row, "model_bound")));
				bounds.put(Dimension.KEY, UsageSummary.number(UsageSummary.value(row, "key_bound")));
				bounds.put(Dimension.USER, UsageSummary.number(UsageSummary.value(row, "user_bound")));
				bounds.put(Dimension.TEAM, UsageSummary.number(UsageSummary.value(row, "team_bound")));
				return new Window(String.valueOf(UsageSummary.value(row, "window_id")),
						(long) UsageSummary.number(UsageSummary.value(row, "source_rows")), Map.copyOf(bounds));
			});
	}

	/**
	 * Sums a range unless its newest window still holds all its days' rows or another
	 * instance is summing it.
	 * @return whether this call summed it
	 */
	Mono<Boolean> compute(LocalDate start, LocalDate end) {
		String from = start.toString();
		String to = end.toString();
		Mono<Boolean> due = sourceRows(from, to)
			.flatMap((source) -> find(start, end).map((found) -> found.sourceRows() != source).defaultIfEmpty(true));
		// asked again once claimed: another instance may have summed it and let go of its
		// claim between the first question and the claim
		return due.flatMap((first) -> first ? claim(from, to) : Mono.empty())
			.flatMap((id) -> sourceRows(from, to)
				.flatMap((source) -> find(start, end).map((found) -> found.sourceRows() != source)
					.defaultIfEmpty(true)
					.flatMap((still) -> still ? sum(id, from, to, source).thenReturn(true)
							: this.database.one((client) -> release(client, from, to)).thenReturn(false))))
			.defaultIfEmpty(false);
	}

	/** The daily rows a window of these days sums: a count the date indexes answer. */
	private Mono<Long> sourceRows(String from, String to) {
		return this.database.one((client) -> client
			.sql("SELECT (SELECT COUNT(*) FROM daily_user_spend WHERE date >= :start AND date <= :end) + "
					+ "(SELECT COUNT(*) FROM daily_team_spend WHERE date >= :start AND date <= :end) AS n")
			.bind("start", from)
			.bind("end", to)
			.fetch()
			.first()
			.map((row) -> (long) UsageSummary.number(UsageSummary.value(row, "n"))));
	}

	/**
	 * A new window's id, empty while another instance's claim stands: the claims' primary
	 * key lets one instance in.
	 */
	private Mono<String> claim(String from, String to) {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		Mono<Long> dropStale = this.database.one((client) -> client.sql(
				"DELETE FROM usage_window_claims WHERE start_date = :start AND end_date = :end AND claimed_at < :stale")
			.bind("start", from)
			.bind("end", to)
			.bind("stale", now.minus(STALE_CLAIM))
			.fetch()
			.rowsUpdated());
		Mono<String> claimed = this.database
			.one((client) -> client
				.sql("INSERT INTO usage_window_claims (start_date, end_date, claimed_at) VALUES (:start, :end, :now)")
				.bind("start", from)
				.bind("end", to)
				.bind("now", now)
				.fetch()
				.rowsUpdated())
			.map((count) -> Ids.uuid())
			.onErrorResume((taken) -> Mono.empty());
		return dropStale.then(claimed);
	}

	/** Sums the range, writes the window and lets go of the claim, in one transaction. */
	private Mono<Void> sum(String id, String from, String to, long source) {
		List<Map<String, @Nullable Object>> windowRows = new ArrayList<>();
		Map<Dimension, Double> bounds = new EnumMap<>(Dimension.class);
		long began = System.nanoTime();
		// one dimension at a time: summing holds one pooled connection, never more
		Mono<Void> summed = Flux.fromArray(Dimension.values())
			.concatMap((dimension) -> sums(dimension, from, to).doOnNext((found) -> {
				boolean cut = dimension != Dimension.DAY && found.size() > this.kept;
				List<Map<String, Object>> keptRows = cut ? found.subList(0, this.kept) : found;
				bounds.put(dimension, cut ? UsageSummary.number(keptRows.get(keptRows.size() - 1).get("spend")) : 0.0);
				for (Map<String, Object> metrics : keptRows) {
					Map<String, @Nullable Object> row = new LinkedHashMap<>(metrics);
					row.put("window_id", id);
					row.put("dimension", dimension.label);
					windowRows.add(row);
				}
			}))
			.then();
		Mono<Void> written = Mono.defer(() -> this.database.inTransaction((client) -> this.rows
			.insertAll(client, SpendTables.USAGE_WINDOWS, windowRows)
			.then(client
				.sql("INSERT INTO usage_window_state (window_id, start_date, end_date, completed_at, source_rows, "
						+ "model_bound, key_bound, user_bound, team_bound) VALUES (:id, :start, :end, :now, :source, "
						+ ":model, :key, :user, :team)")
				.bind("id", id)
				.bind("start", from)
				.bind("end", to)
				.bind("now", OffsetDateTime.now(this.clock))
				.bind("source", source)
				.bind("model", bounds.get(Dimension.MODEL))
				.bind("key", bounds.get(Dimension.KEY))
				.bind("user", bounds.get(Dimension.USER))
				.bind("team", bounds.get(Dimension.TEAM))
				.fetch()
				.rowsUpdated())
			.then(release(client, from, to))));
		return summed.then(written)
			.doOnSuccess((done) -> log.info("usage window {} to {} summed: {} rows in {} ms", from, to,
					windowRows.size(), (System.nanoTime() - began) / 1_000_000))
			.onErrorResume((error) -> this.database.one((client) -> release(client, from, to))
				.onErrorResume((ignored) -> Mono.empty())
				.then(Mono.error(error)));
	}

	/** A dimension's sums over the days, biggest first, one more than kept. */
	private Mono<List<Map<String, Object>>> sums(Dimension dimension, String from, String to) {
		String column = "d." + dimension.column;
		String order = (dimension == Dimension.DAY) ? column
				: "SUM(d.spend) DESC, " + column + " LIMIT " + (this.kept + 1);
		return this.database.many((client) -> client
			.sql("SELECT " + column + " AS name, " + UsageSummary.SUMS + " FROM " + dimension.table + " d "
					+ "WHERE d.date >= :start AND d.date <= :end GROUP BY " + column + " ORDER BY " + order)
			.bind("start", from)
			.bind("end", to)
			.fetch()
			.all()
			.map(UsageSummary::metrics)).collectList();
	}

	private static Mono<Void> release(DatabaseClient client, String from, String to) {
		return client.sql("DELETE FROM usage_window_claims WHERE start_date = :start AND end_date = :end")
			.bind("start", from)
			.bind("end", to)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/**
	 * Drops the windows that end before the day, and those a newer one replaced
	 * {@link #STALE_CLAIM} ago or more.
	 */
	private Mono<Void> prune(LocalDate before) {
		OffsetDateTime stale = OffsetDateTime.now(this.clock).minus(STALE_CLAIM);
		String dropped = "SELECT s.window_id FROM usage_window_state s WHERE s.end_date < :before "
				+ "OR EXISTS (SELECT 1 FROM usage_window_state n "
				+ "WHERE n.start_date = s.start_date AND n.end_date = s.end_date AND n.completed_at < :stale "
				+ "AND n.completed_at > s.completed_at)";
		return this.database
			.inTransaction((client) -> client.sql("DELETE FROM usage_windows WHERE window_id IN (" + dropped + ")")
				.bind("before", before.toString())
				.bind("stale", stale)
				.fetch()
				.rowsUpdated()
				.then(client
					.sql("DELETE FROM usage_window_state WHERE window_id IN (SELECT d.window_id FROM (" + dropped
							+ ") d)")
					.bind("before", before.toString())
					.bind("stale", stale)
					.fetch()
					.rowsUpdated()))
			.then();
	}

	@Override
	public void close() {
		if (this.timer != null) {
			this.timer.dispose();
		}
	}

}
