package dev.llmgw.gateway.spend.reports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * {@code GET /spend/logs} (one row per call, filtered by key, user, request id and dates)
 * and {@code GET /global/spend}. Callers other than admins see only their own key's
 * history.
 */
public final class SpendEndpoints {

	private static final int MAX_ROWS = 1000;

	private final Database database;

	private final @Nullable Double proxyMaxBudget;

	public SpendEndpoints(Database database, @Nullable Double proxyMaxBudget) {
		this.database = database;
		this.proxyMaxBudget = proxyMaxBudget;
	}

	public Mono<ServerResponse> logs(ServerRequest request) {
		CallerIdentity caller = CallerIdentity.of(request.exchange());
		Map<String, Object> where = new LinkedHashMap<>();
		request.queryParam("api_key")
			.ifPresent((key) -> where.put("api_key", key.startsWith("sk-") ? KeyHashes.sha256Hex(key) : key));
		request.queryParam("user_id").ifPresent((user) -> where.put("user_id", user));
		request.queryParam("request_id").ifPresent((id) -> where.put("request_id", id));
		// the admin UI's filters and pages: not LiteLLM's, harmless to its clients
		request.queryParam("team_id").filter((team) -> !team.isBlank()).ifPresent((team) -> where.put("team_id", team));
		request.queryParam("model").filter((model) -> !model.isBlank()).ifPresent((model) -> where.put("model", model));
		int limit = (int) QueryParams.number(request, "limit", MAX_ROWS, 1, MAX_ROWS);
		OffsetDateTime before = instant(request, "before");
		// the last row's request id breaks ties between rows of the same start time
		String beforeId = request.queryParam("before_id").filter((id) -> !id.isBlank()).orElse(null);
		if (caller != null && !caller.canReadAll()) {
			if (caller.keyHash() == null) {
				return Mono.error(new AuthenticationError("Authentication Error, spend logs need a key"));
			}
			where.put("api_key", caller.keyHash());
		}
		OffsetDateTime start = date(request, "start_date", false);
		OffsetDateTime end = date(request, "end_date", true);
		StringBuilder sql = new StringBuilder("SELECT * FROM spend_logs WHERE 1 = 1");
		where.keySet().forEach((column) -> sql.append(" AND ").append(column).append(" = :").append(column));
		if (start != null) {
			sql.append(" AND start_time >= :start");
		}
		if (end != null) {
			sql.append(" AND start_time < :end");
		}
		if (before != null) {
			sql.append((beforeId != null)
					? " AND (start_time < :before OR (start_time = :before AND request_id < :before_id))"
					: " AND start_time < :before");
		}
		sql.append(" ORDER BY start_time DESC, request_id DESC LIMIT ").append(limit);
		return this.database.many((client) -> {
			GenericExecuteSpec spec = client.sql(sql.toString());
			for (Map.Entry<String, Object> condition : where.entrySet()) {
				spec = spec.bind(condition.getKey(), condition.getValue());
			}
			if (start != null) {
				spec = spec.bind("start", start);
			}
			if (end != null) {
				spec = spec.bind("end", end);
			}
			if (before != null) {
				spec = spec.bind("before", before);
				if (beforeId != null) {
					spec = spec.bind("before_id", beforeId);
				}
			}
			return spec.fetch().all();
		}).map(SpendEndpoints::view).collectList().flatMap(SpendEndpoints::json);
	}

	public Mono<ServerResponse> global(ServerRequest request) {
		CallerIdentity caller = CallerIdentity.of(request.exchange());
		if (caller != null && !caller.canReadAll()) {
			return Mono.error(new AuthenticationError("Authentication Error, only proxy admins may read the "
					+ "proxy's spend. Route=/global/spend. Your role=" + caller.role()));
		}
		OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusDays(30);
		return this.database
			.one((client) -> client
				.sql("SELECT COALESCE(SUM(spend), 0) AS total FROM spend_logs WHERE start_time >= :since")
				.bind("since", since)
				.map((row) -> ((Number) row.get("total")).doubleValue())
				.first())
			.flatMap((total) -> {
				Map<String, @Nullable Object> body = new LinkedHashMap<>();
				body.put("spend", total);
				body.put("max_budget", this.proxyMaxBudget);
				return json(body);
			});
	}

	/**
	 * {@code GET /global/spend/report?start_date=&end_date=&group_by=}: spend per day and
	 * per team, end user, key or model (group_by team, customer, api_key or model;
	 * default team), for admins.
	 */
	public Mono<ServerResponse> report(ServerRequest request) {
		CallerIdentity caller = CallerIdentity.of(request.exchange());
		if (caller != null && !caller.canReadAll()) {
			return Mono.error(new AuthenticationError("Authentication Error, only proxy admins may read spend "
					+ "reports. Route=/global/spend/report. Your role=" + caller.role()));
		}
		String groupBy = request.queryParam("group_by").orElse("team");
		String column = switch (groupBy) {
			case "team" -> "team_id";
			case "customer" -> "end_user";
			case "api_key" -> "api_key";
			case "model" -> "model_group";
			default -> throw new BadRequestError("group_by must be team, customer, api_key or model", null, "group_by");
		};
		OffsetDateTime start = date(request, "start_date", false);
		OffsetDateTime end = date(request, "end_date", true);
		OffsetDateTime from = (start != null) ? start : OffsetDateTime.now(ZoneOffset.UTC).minusDays(30);
		OffsetDateTime to = (end != null) ? end : OffsetDateTime.now(ZoneOffset.UTC).plusDays(1);
		return this.database.many((client) -> client
			.sql("SELECT start_time, " + column
					+ " AS grouped, spend, total_tokens FROM spend_logs WHERE start_time >= :from AND start_time < :to")
			.bind("from", from)
			.bind("to", to)
			.fetch()
			.all()).collectList().flatMap((rows) -> json(SpendReport.byDay(rows, groupBy)));
	}

	private static Map<String, @Nullable Object> view(Map<String, Object> row) {
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		row.forEach(
				(column, value) -> view.put(column, (value instanceof OffsetDateTime time) ? time.toString() : value));
		// LiteLLM's column names, which clients of /spend/logs read
		view.put("startTime", view.remove("start_time"));
		view.put("endTime", view.remove("end_time"));
		view.put("user", view.remove("user_id"));
		return view;
	}

	private static @Nullable OffsetDateTime date(ServerRequest request, String name, boolean endOfDay) {
		String text = request.queryParam(name).orElse(null);
		if (text == null) {
			return null;
		}
		try {
			LocalDate day = LocalDate.parse(text);
			if (day.getYear() < 1 || day.getYear() > 9999) {
				throw new DateTimeParseException("out of range", text, 0);
			}
			return (endOfDay ? day.plusDays(1) : day).atStartOfDay().atOffset(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestError("Invalid " + name + ": expected YYYY-MM-DD", null, name);
		}
	}

	/**
	 * {@code before}: the start time of the last row of the previous page (keyset
	 * paging).
	 */
	private static @Nullable OffsetDateTime instant(ServerRequest request, String name) {
		String text = request.queryParam(name).filter((value) -> !value.isBlank()).orElse(null);
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestError("Invalid " + name + ": expected a time such as 2026-12-06T21:46:52.544Z", null,
					name);
		}
	}

	private static Mono<ServerResponse> json(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

}
