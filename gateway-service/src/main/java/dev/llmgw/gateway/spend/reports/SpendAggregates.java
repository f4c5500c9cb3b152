package dev.llmgw.gateway.spend.reports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.web.QueryParams;
import dev.llmgw.storage.Database;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * LiteLLM's {@code /global/spend/keys}, {@code /models}, {@code /teams} and
 * {@code /end_users} (the spend charts of its UI), added up from the daily tables rather
 * than the spend logs, so they cost the same whatever the number of calls. Admins and
 * admin viewers see the last 30 days of everyone; for keys and models anyone else sees
 * their own user's, all time, as LiteLLM answers them; teams and end users are for admins
 * and admin viewers only (LiteLLM shows every end user to any internal user).
 */
public final class SpendAggregates {

	private static final int MAX_ROWS = 1000;

	private final Database database;

	private final JsonBodyReader bodies;

	public SpendAggregates(Database database, JsonBodyReader bodies) {
		this.database = database;
		this.bodies = bodies;
	}

	/** {@code GET /global/spend/keys?limit=}: keys by spend, most first. */
	public Mono<ServerResponse> keys(ServerRequest request) {
		CallerIdentity caller = SpendCallers.of(request);
		long limit = limit(request, MAX_ROWS);
		Map<String, Object> binds = new LinkedHashMap<>();
		String scope = scope(caller, binds);
		if (scope == null) {
			return json(List.of());
		}
		String sql = "SELECT d.api_key, SUM(d.spend) AS total_spend FROM daily_user_spend d WHERE d.api_key <> ''"
				+ scope;
		if (!caller.canReadAll()) {
			limit = Math.min(limit, 10);
		}
		String query = "SELECT s.api_key, s.total_spend, k.key_alias, k.key_name FROM (" + sql
				+ " GROUP BY d.api_key) s LEFT JOIN api_keys k ON k.token = s.api_key ORDER BY s.total_spend DESC LIMIT "
				+ limit;
		return rows(query, binds, (row) -> {
			Map<String, Object> key = new LinkedHashMap<>();
			key.put("api_key", row.get("api_key"));
			key.put("total_spend", number(row.get("total_spend")));
			key.put("key_alias", row.get("key_alias"));
			key.put("key_name", row.get("key_name"));
			return key;
		});
	}

	/** {@code GET /global/spend/models?limit=} (10 by default): models by spend. */
	public Mono<ServerResponse> models(ServerRequest request) {
		CallerIdentity caller = SpendCallers.of(request);
		long limit = limit(request, 10);
		Map<String, Object> binds = new LinkedHashMap<>();
		String scope = scope(caller, binds);
		if (scope == null) {
			return json(List.of());
		}
		boolean admin = caller.canReadAll();
		String sql = "SELECT d.model, SUM(d.spend) AS total_spend, SUM(d.prompt_tokens + d.completion_tokens) "
				+ "AS total_tokens FROM daily_user_spend d WHERE d.model <> ''" + scope;
		return rows(sql + " GROUP BY d.model ORDER BY total_spend DESC LIMIT " + limit, binds, (row) -> {
			Map<String, Object> model = new LinkedHashMap<>();
			model.put("model", row.get("model"));
			model.put("total_spend", number(row.get("total_spend")));
			if (!admin) {
				model.put("total_tokens", (long) number(row.get("total_tokens")));
			}
			return model;
		});
	}

	/**
	 * {@code GET /global/spend/teams}: the last 30 days' spend per day and team (by its
	 * alias, else its id), and the ten teams that spent most.
	 */
	public Mono<ServerResponse> teams(ServerRequest request) {
		requireReadAll(SpendCallers.of(request), "/global/spend/teams");
		String sql = "SELECT d.date, d.team_id, t.team_alias, SUM(d.spend) AS spend FROM daily_team_spend d "
				+ "LEFT JOIN teams t ON t.team_id = d.team_id WHERE d.date >= :since "
				+ "GROUP BY d.date, d.team_id, t.team_alias ORDER BY d.date";
		return this.database.many((client) -> client.sql(sql).bind("since", since()).fetch().all())
			.collectList()
			.flatMap((rows) -> {
				Map<String, Map<String, Object>> days = new TreeMap<>();
				Map<String, Double> totals = new LinkedHashMap<>();
				for (Map<String, Object> row : rows) {
					String name = (row.get("team_alias") != null) ? String.valueOf(row.get("team_alias"))
							: String.valueOf(row.get("team_id"));
					double spend = number(row.get("spend"));
					days.computeIfAbsent(String.valueOf(row.get("date")), (date) -> {
						Map<String, Object> day = new LinkedHashMap<>();
						day.put("date", date);
						return day;
					}).merge(name, round(spend), (a, b) -> round((double) a + (double) b));
					totals.merge(name, spend, Double::sum);
				}
				List<Map<String, Object>> perTeam = new ArrayList<>();
				totals.entrySet()
					.stream()
					.sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
					.limit(10)
					.forEach((total) -> perTeam
						.add(Map.of("team_id", total.getKey(), "total_spend", round(total.getValue()))));
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("daily_spend", new ArrayList<>(days.values()));
				body.put("teams", new ArrayList<>(totals.keySet()));
				body.put("total_spend_per_team", perTeam);
				return json(body);
			});
	}

	/**
	 * {@code POST /global/spend/end_users} with an optional body {@code {"api_key",
	 * "startTime", "endTime"}} (the last 30 days by default): the hundred end users that
	 * spent most, with their calls.
	 */
	public Mono<ServerResponse> endUsers(ServerRequest request) {
		requireReadAll(SpendCallers.of(request), "/global/spend/end_users");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			Map<String, Object> binds = new LinkedHashMap<>();
			binds.put("start", day(body.get("startTime"), "startTime", since()));
			binds.put("end",
					day(body.get("endTime"), "endTime", OffsetDateTime.now(ZoneOffset.UTC).toLocalDate().toString()));
			String sql = "SELECT d.end_user_id, SUM(d.api_requests) AS total_count, SUM(d.spend) AS total_spend "
					+ "FROM daily_end_user_spend d WHERE d.date >= :start AND d.date <= :end";
			if (body.get("api_key") instanceof String key && !key.isBlank()) {
				sql += " AND d.api_key = :key";
				binds.put("key", key.startsWith("sk-") ? KeyHashes.sha256Hex(key) : key);
			}
			return rows(sql + " GROUP BY d.end_user_id ORDER BY total_spend DESC LIMIT 100", binds, (row) -> {
				Map<String, Object> user = new LinkedHashMap<>();
				user.put("end_user", row.get("end_user_id"));
				user.put("total_count", (long) number(row.get("total_count")));
				user.put("total_spend", number(row.get("total_spend")));
				return user;
			});
		});
	}

	/**
	 * Whose rows a caller adds up: admins and admin viewers everyone's last 30 days,
	 * anyone else its own user's, all time, as LiteLLM answers them; null for a key of no
	 * user.
	 */
	private static @Nullable String scope(CallerIdentity caller, Map<String, Object> binds) {
		if (caller.canReadAll()) {
			binds.put("since", since());
			return " AND d.date >= :since";
		}
		if (caller.userId() == null) {
			return null;
		}
		binds.put("user", caller.userId());
		return " AND d.user_id = :user";
	}

	/**
	 * {@code GET /global/spend/tags?start_date=&end_date=&tags=}: spend and calls per
	 * request tag over the days given (both needed, inclusive); {@code tags} (a list, or
	 * {@code all-tags}) narrows it. Admins and admin viewers.
	 */
	public Mono<ServerResponse> tags(ServerRequest request) {
		requireReadAll(SpendCallers.of(request), "/global/spend/tags");
		String start = request.queryParam("start_date").orElse(null);
		String end = request.queryParam("end_date").orElse(null);
		if (start == null || end == null) {
			throw new BadRequestError("Please provide start_date and end_date", null,
					(start == null) ? "start_date" : "end_date");
		}
		Map<String, Object> binds = new LinkedHashMap<>();
		binds.put("start", day(start, "start_date", start));
		binds.put("end", day(end, "end_date", end));
		String sql = "SELECT d.tag, SUM(d.spend) AS spend, SUM(d.api_requests) AS calls FROM daily_tag_spend d "
				+ "WHERE d.date >= :start AND d.date <= :end";
		List<String> tags = QueryParams.list(request, "tags", 100);
		if (!tags.isEmpty() && !tags.contains("all-tags")) {
			List<String> names = new ArrayList<>();
			for (int i = 0; i < tags.size(); i++) {
				names.add(":t" + i);
				binds.put("t" + i, tags.get(i));
			}
			sql += " AND d.tag IN (" + String.join(", ", names) + ")";
		}
		return list(sql + " GROUP BY d.tag ORDER BY spend DESC LIMIT " + MAX_ROWS, binds, (row) -> {
			Map<String, Object> tag = new LinkedHashMap<>();
			tag.put("name", row.get("tag"));
			tag.put("spend", Math.round(number(row.get("spend")) * 10_000) / 10_000.0);
			tag.put("log_count", (long) number(row.get("calls")));
			return tag;
		}).flatMap((perTag) -> json(Map.of("spend_per_tag", perTag)));
	}

	/**
	 * {@code GET /spend/tags}: spend and calls per request tag, all time. Admins and
	 * admin viewers.
	 */
	public Mono<ServerResponse> tagTotals(ServerRequest request) {
		requireReadAll(SpendCallers.of(request), "/spend/tags");
		return rows(
				"SELECT d.tag, SUM(d.spend) AS total_spend, SUM(d.api_requests) AS log_count "
						+ "FROM daily_tag_spend d GROUP BY d.tag ORDER BY total_spend DESC LIMIT " + MAX_ROWS,
				Map.of(), (row) -> {
					Map<String, Object> tag = new LinkedHashMap<>();
					tag.put("individual_request_tag", row.get("tag"));
					tag.put("log_count", (long) number(row.get("log_count")));
					tag.put("total_spend", number(row.get("total_spend")));
					return tag;
				});
	}

	private Mono<ServerResponse> rows(String sql, Map<String, Object> binds,
			java.util.function.Function<Map<String, Object>, Map<String, Object>> view) {
		return list(sql, binds, view).flatMap(SpendAggregates::json);
	}

	private Mono<List<Map<String, Object>>> list(String sql, Map<String, Object> binds,
			java.util.function.Function<Map<String, Object>, Map<String, Object>> view) {
		return this.database.many((client) -> {
			GenericExecuteSpec spec = client.sql(sql);
			for (Map.Entry<String, Object> bind : binds.entrySet()) {
				spec = spec.bind(bind.getKey(), bind.getValue());
			}
			return spec.fetch().all();
		}).map(view).collectList();
	}

	private static void requireReadAll(CallerIdentity caller, String route) {
		if (!caller.canReadAll()) {
			throw new AuthenticationError("Authentication Error, only proxy admins and admin viewers may read " + route
					+ ". Your role=" + caller.role());
		}
	}

	private static long limit(ServerRequest request, long fallback) {
		String text = request.queryParam("limit").orElse(null);
		if (text == null || text.isBlank()) {
			return fallback;
		}
		long limit;
		try {
			limit = Long.parseLong(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new BadRequestError("Invalid limit: " + text + ", error: expected a whole number", null, "limit");
		}
		if (limit < 1) {
			throw new BadRequestError("Invalid limit: " + limit + ", error: Limit must be greater than 0", null,
					"limit");
		}
		return Math.min(limit, MAX_ROWS);
	}

	private static String since() {
		return OffsetDateTime.now(ZoneOffset.UTC).toLocalDate().minusDays(30).toString();
	}

	/** A day from a date or a date and time ({@code 2026-12-01T10:00:00}). */
	private static String day(@Nullable Object value, String param, String fallback) {
		if (value == null) {
			return fallback;
		}
		String text = String.valueOf(value).trim();
		try {
			return LocalDate.parse((text.length() > 10) ? text.substring(0, 10) : text).toString();
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestError("Invalid " + param + ": expected a date or date and time, got " + text, null,
					param);
		}
	}

	private static double number(@Nullable Object value) {
		return (value instanceof Number number) ? number.doubleValue() : 0;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	private static Mono<ServerResponse> json(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

}
