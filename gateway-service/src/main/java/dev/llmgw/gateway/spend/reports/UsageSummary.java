package dev.llmgw.gateway.spend.reports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.storage.Database;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /spend/summary?start_date&end_date} (the gateway's own; the admin UI's Usage
 * page reads it): a date range's spend, tokens and requests by day, and its 50 biggest
 * models, keys, users and teams, summed in the database from the daily aggregate tables.
 * {@code /user/daily/activity} answers the same rows a page of 1,000 at a time, which at
 * a million keys leaves totals that cover a fraction of the range; this answers exact
 * totals in five grouped queries, two at a time. Admins and admin viewers see everything;
 * anyone else their own user's rows (a key of no user, its own).
 */
public final class UsageSummary {

	/** The longest range one request may sum. */
	static final int MAX_DAYS = 366;

	private static final int TOP = 50;

	/** The metric columns the daily tables and the windows share. */
	private static final List<String> COLUMNS = List.of("spend", "prompt_tokens", "completion_tokens", "api_requests",
			"successful_requests", "failed_requests");

	/** The metric columns summed from the rows of table alias {@code d}. */
	static final String SUMS = sums("d");

	private static final String METRICS = String.join(", ", COLUMNS);

	/** The metric columns summed from the window's and today's rows together. */
	private static final String MERGED = sums("t");

	private final Database database;

	private final UsageWindows windows;

	/** Breakdowns a window could not prove exact, answered by the full query. */
	private final AtomicLong fullQueries = new AtomicLong();

	public UsageSummary(Database database, UsageWindows windows) {
		this.database = database;
		this.windows = windows;
	}

	public Mono<ServerResponse> summary(ServerRequest request) {
		CallerIdentity caller = SpendCallers.of(request);
		LocalDate startDay = day(request.queryParam("start_date").orElse(null), "start_date");
		LocalDate endDay = day(request.queryParam("end_date").orElse(null), "end_date");
		String start = startDay.toString();
		String end = endDay.toString();
		if (startDay.isAfter(endDay)) {
			throw new BadRequestError("start_date is after end_date", null, "start_date");
		}
		if (ChronoUnit.DAYS.between(startDay, endDay) >= MAX_DAYS) {
			throw new BadRequestError("A summary covers at most " + MAX_DAYS + " days", null, "start_date");
		}
		LocalDate today = this.windows.today();
		if (caller.canReadAll() && startDay.isBefore(today) && !endDay.isBefore(today)) {
			// the closed days from their window when it has been summed, today's rows
			// added; else the full query
			return this.windows.find(startDay, today.minusDays(1))
				.flatMap((window) -> answer(start, end, windowed(window, startDay, endDay, today)))
				.switchIfEmpty(Mono.defer(() -> answer(start, end, exact(caller, start, end))));
		}
		return answer(start, end, exact(caller, start, end));
	}

	private static Mono<ServerResponse> answer(String start, String end, Mono<List<List<Map<String, Object>>>> parts) {
		return parts.flatMap((all) -> {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("start_date", start);
			body.put("end_date", end);
			body.put("days", all.get(0));
			body.put("models", all.get(1));
			body.put("api_keys", all.get(2));
			body.put("users", all.get(3));
			body.put("teams", all.get(4));
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
		});
	}

	/** The five breakdowns from the daily tables alone, within the caller's rights. */
	private Mono<List<List<Map<String, Object>>>> exact(CallerIdentity caller, String start, String end) {
		Map<String, Object> binds = new LinkedHashMap<>();
		binds.put("start", start);
		binds.put("end", end);
		StringBuilder where = new StringBuilder(" WHERE d.date >= :start AND d.date <= :end");
		StringBuilder teamWhere = new StringBuilder(where);
		if (!caller.canReadAll()) {
			if (caller.userId() != null) {
				where.append(" AND d.user_id = :owner");
				teamWhere.append(" AND d.api_key IN (SELECT token FROM api_keys WHERE user_id = :owner)");
				binds.put("owner", caller.userId());
			}
			else {
				where.append(" AND d.api_key = :owner");
				teamWhere.append(" AND d.api_key = :owner");
				binds.put("owner", String.valueOf(caller.keyHash()));
			}
		}
		Mono<List<Map<String, Object>>> days = rows("SELECT d.date AS name, " + SUMS + " FROM daily_user_spend d"
				+ where + " GROUP BY d.date ORDER BY d.date", binds);
		Mono<List<Map<String, Object>>> models = top("d.model", "daily_user_spend", where, binds);
		Mono<List<Map<String, Object>>> keys = top("d.api_key", "daily_user_spend", where, binds)
			.flatMap((found) -> labelled(found, "SELECT token AS id, key_alias AS label FROM api_keys", "token"));
		Mono<List<Map<String, Object>>> users = top("d.user_id", "daily_user_spend", where, binds);
		Mono<List<Map<String, Object>>> teams = top("d.team_id", "daily_team_spend", teamWhere, binds)
			.flatMap((found) -> labelled(found, "SELECT team_id AS id, team_alias AS label FROM teams", "team_id"));
		return twoAtATime(List.of(days, models, keys, users, teams));
	}

	/**
	 * Two at a time: a summary never holds more than two of the pool's connections, which
	 * the calls' key lookups and spend writes share.
	 */
	private static Mono<List<List<Map<String, Object>>>> twoAtATime(List<Mono<List<Map<String, Object>>>> parts) {
		return Flux.mergeSequential(parts, 2, 1).collectList();
	}

	/**
	 * The five breakdowns of a range that ends today or later, for a caller who reads
	 * everything: the window of its closed days plus the rows from today on.
	 */
	private Mono<List<List<Map<String, Object>>>> windowed(UsageWindows.Window window, LocalDate startDay,
			LocalDate endDay, LocalDate today) {
		Map<String, Object> binds = new LinkedHashMap<>();
		binds.put("window", window.id());
		binds.put("today", today.toString());
		binds.put("end", endDay.toString());
		Map<String, Object> exactBinds = new LinkedHashMap<>();
		exactBinds.put("start", startDay.toString());
		exactBinds.put("end", endDay.toString());
		String where = " WHERE d.date >= :start AND d.date <= :end";
		Mono<List<Map<String, Object>>> keys = merged(window, UsageWindows.Dimension.KEY, binds, where, exactBinds)
			.flatMap((found) -> labelled(found, "SELECT token AS id, key_alias AS label FROM api_keys", "token"));
		Mono<List<Map<String, Object>>> teams = merged(window, UsageWindows.Dimension.TEAM, binds, where, exactBinds)
			.flatMap((found) -> labelled(found, "SELECT team_id AS id, team_alias AS label FROM teams", "team_id"));
		return twoAtATime(List.of(merged(window, UsageWindows.Dimension.DAY, binds, where, exactBinds),
				merged(window, UsageWindows.Dimension.MODEL, binds, where, exactBinds), keys,
				merged(window, UsageWindows.Dimension.USER, binds, where, exactBinds), teams));
	}

	/**
	 * One breakdown: the window's kept names plus today's rows, summed by name. A name
	 * the window left out spent at most its bound over the closed days, so when the bound
	 * plus the most any left-out name spent since is below the 50th name's total, none of
	 * them belongs in the top 50 and the answer is exact; otherwise the full query
	 * answers.
	 */
	private Mono<List<Map<String, Object>>> merged(UsageWindows.Window window, UsageWindows.Dimension dimension,
			Map<String, Object> binds, String where, Map<String, Object> exactBinds) {
		String live = "SELECT d." + dimension.column + " AS name, " + METRICS + " FROM " + dimension.table
				+ " d WHERE d.date >= :today AND d.date <= :end";
		String kept = "SELECT name, " + METRICS + " FROM usage_windows WHERE window_id = :window " + "AND dimension = '"
				+ dimension.label + "'";
		boolean byDay = dimension == UsageWindows.Dimension.DAY;
		String sql = "SELECT t.name AS name, " + MERGED + " FROM (" + kept + " UNION ALL " + live
				+ ") t GROUP BY t.name"
				+ (byDay ? " ORDER BY t.name" : " ORDER BY SUM(t.spend) DESC, t.name LIMIT " + TOP);
		double bound = window.bound(dimension);
		return rows(sql, binds).flatMap((found) -> {
			if (byDay || bound == 0) {
				return Mono.just(found);
			}
			Mono<List<Map<String, Object>>> full = Mono.defer(() -> {
				this.fullQueries.incrementAndGet();
				return top("d." + dimension.column, dimension.table, where, exactBinds);
			});
			if (found.size() < TOP) {
				return full;
			}
			double fiftieth = number(found.get(TOP - 1).get("spend"));
			return liveMost(dimension, binds).flatMap((most) -> (bound + most < fiftieth) ? Mono.just(found) : full);
		});
	}

	private static String sums(String alias) {
		return String.join(", ",
				COLUMNS.stream().map((column) -> "SUM(" + alias + "." + column + ") AS " + column).toList());
	}

	/** How many breakdowns a window could not prove exact (for tests). */
	long fullQueries() {
		return this.fullQueries.get();
	}

	/**
	 * The most any one name the window left out spent from today on (names are never
	 * null, so NOT IN holds).
	 */
	private Mono<Double> liveMost(UsageWindows.Dimension dimension, Map<String, Object> binds) {
		String leftOut = "SELECT w.name FROM usage_windows w WHERE w.window_id = :window " + "AND w.dimension = '"
				+ dimension.label + "'";
		String sql = "SELECT MAX(x.spent) AS most FROM (SELECT SUM(d.spend) AS spent FROM " + dimension.table
				+ " d WHERE d.date >= :today AND d.date <= :end AND d." + dimension.column + " NOT IN (" + leftOut
				+ ") GROUP BY d." + dimension.column + ") x";
		return this.database.one((client) -> bind(client.sql(sql), binds).fetch().first())
			.map((row) -> number(value(row, "most")))
			.defaultIfEmpty(0.0);
	}

	private Mono<List<Map<String, Object>>> top(String column, String table, CharSequence where,
			Map<String, Object> binds) {
		return rows("SELECT " + column + " AS name, " + SUMS + " FROM " + table + " d" + where + " GROUP BY " + column
				+ " ORDER BY SUM(d.spend) DESC, " + column + " LIMIT " + TOP, binds);
	}

	/** The names' labels (key aliases, team aliases), read for the 50 rows alone. */
	private Mono<List<Map<String, Object>>> labelled(List<Map<String, Object>> found, String select, String column) {
		if (found.isEmpty()) {
			return Mono.just(found);
		}
		Map<String, Object> binds = new LinkedHashMap<>();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < found.size(); i++) {
			binds.put("id" + i, String.valueOf(found.get(i).get("name")));
			names.add(":id" + i);
		}
		return this.database
			.many((client) -> bind(client.sql(select + " WHERE " + column + " IN (" + String.join(", ", names) + ")"),
					binds)
				.fetch()
				.all())
			.collectMap((row) -> String.valueOf(value(row, "id")),
					(row) -> (Object) String.valueOf(value(row, "label")))
			.map((labels) -> {
				found.forEach((row) -> {
					Object label = labels.get(String.valueOf(row.get("name")));
					row.put("label", (label == null || "null".equals(label)) ? null : label);
				});
				return found;
			});
	}

	private Mono<List<Map<String, Object>>> rows(String sql, Map<String, Object> binds) {
		Flux<Map<String, Object>> rows = this.database
			.many((client) -> bind(client.sql(sql), binds).fetch().all().map(UsageSummary::metrics));
		return rows.collectList();
	}

	private static GenericExecuteSpec bind(GenericExecuteSpec spec, Map<String, Object> binds) {
		GenericExecuteSpec bound = spec;
		for (Map.Entry<String, Object> bind : binds.entrySet()) {
			bound = bound.bind(bind.getKey(), bind.getValue());
		}
		return bound;
	}

	/**
	 * A row as the page reads it, with total tokens; names as the database spells them.
	 */
	static Map<String, Object> metrics(Map<String, @Nullable Object> row) {
		Map<String, Object> metrics = new LinkedHashMap<>();
		metrics.put("name", String.valueOf(value(row, "name")));
		double prompt = number(value(row, "prompt_tokens"));
		double completion = number(value(row, "completion_tokens"));
		metrics.put("spend", number(value(row, "spend")));
		metrics.put("prompt_tokens", (long) prompt);
		metrics.put("completion_tokens", (long) completion);
		metrics.put("total_tokens", (long) (prompt + completion));
		metrics.put("api_requests", (long) number(value(row, "api_requests")));
		metrics.put("successful_requests", (long) number(value(row, "successful_requests")));
		metrics.put("failed_requests", (long) number(value(row, "failed_requests")));
		return metrics;
	}

	/** H2 answers column labels in upper case, PostgreSQL in lower. */
	static @Nullable Object value(Map<String, ? extends @Nullable Object> row, String name) {
		Object value = row.get(name);
		return (value != null) ? value : row.get(name.toUpperCase(java.util.Locale.ROOT));
	}

	static double number(@Nullable Object value) {
		return (value instanceof Number number) ? number.doubleValue() : 0;
	}

	/**
	 * A day of the years 1 to 9999, which the daily tables' text dates order correctly.
	 */
	private static LocalDate day(@Nullable String text, String param) {
		if (text == null || text.isBlank()) {
			throw new BadRequestError("Please provide start_date and end_date", null, param);
		}
		try {
			LocalDate day = LocalDate.parse(text.strip());
			if (day.getYear() >= 1 && day.getYear() <= 9999) {
				return day;
			}
		}
		catch (DateTimeParseException ex) {
			// refused below
		}
		throw new BadRequestError("Invalid " + param + ": expected YYYY-MM-DD, got " + text, null, param);
	}

}
