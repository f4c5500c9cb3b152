package dev.llmgw.gateway.spend.reports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.web.QueryParams;
import dev.llmgw.storage.Database;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * LiteLLM's daily activity routes, which its Usage page reads: {@code GET
 * /user/daily/activity} and {@code /team/daily/activity}. They read the daily tables the
 * spend writer keeps (a row per day, user or team, key, model and provider), never the
 * spend logs, so a page costs the same with ten million calls behind it. As in LiteLLM a
 * page is a page of those rows, newest day first, and its {@code metadata} totals are the
 * page's; each day comes with its breakdown by model, model group, provider, key and user
 * or team. Who sees what: admins and admin viewers every user and team; anyone else their
 * own user's rows, and of their teams only their own keys' rows unless they are an admin
 * of the team.
 */
public final class DailyActivity {

	private static final String[] METRICS = { "spend", "prompt_tokens", "completion_tokens", "cache_read_input_tokens",
			"cache_creation_input_tokens", "total_tokens", "successful_requests", "failed_requests", "api_requests" };

	private final Database database;

	public DailyActivity(Database database) {
		this.database = database;
	}

	/** {@code GET /user/daily/activity}. */
	public Mono<ServerResponse> users(ServerRequest request) {
		CallerIdentity caller = SpendCallers.of(request);
		Query query = query(request, "daily_user_spend", 50, 1000);
		if (!caller.canReadAll()) {
			// a key of no user has no user's rows (the '' rows are calls of no user)
			query.where((caller.userId() != null) ? "d.user_id = :caller" : "1 = 0", "caller", caller.userId());
		}
		else {
			request.queryParam("user_id").ifPresent((user) -> query.where("d.user_id = :user_id", "user_id", user));
		}
		return answer(query, "user_id", false);
	}

	/**
	 * {@code GET /tag/daily/activity} ({@code tags}, a list, narrows it): admins and
	 * admin viewers, as in LiteLLM.
	 */
	public Mono<ServerResponse> tags(ServerRequest request) {
		CallerIdentity caller = SpendCallers.of(request);
		if (!caller.canReadAll()) {
			return Mono.error(new AuthenticationError(
					"Authentication Error, only proxy admins and admin viewers may read /tag/daily/activity. Your role="
							+ caller.role()));
		}
		Query query = query(request, "daily_tag_spend", 10, 1000);
		List<String> tags = QueryParams.list(request, "tags", 100);
		if (!tags.isEmpty()) {
			query.where("d.tag IN (" + query.values("g", tags) + ")", null, null);
		}
		return answer(query, "tag", false);
	}

	/** {@code GET /team/daily/activity}. */
	public Mono<ServerResponse> teams(ServerRequest request) {
		CallerIdentity caller = SpendCallers.of(request);
		Query query = query(request, "daily_team_spend", 10, 1000);
		List<String> asked = QueryParams.list(request, "team_ids", 100);
		List<String> excluded = QueryParams.list(request, "exclude_team_ids", 100);
		if (!excluded.isEmpty()) {
			query.where("d.team_id NOT IN (" + query.values("x", excluded) + ")", null, null);
		}
		if (caller.canReadAll()) {
			if (!asked.isEmpty()) {
				query.where("d.team_id IN (" + query.values("t", asked) + ")", null, null);
			}
			return answer(query, "team_id", true);
		}
		String userId = caller.userId();
		if (userId == null) {
			return Mono.error(new NotFoundError("User= None not found: this key belongs to no user", null, "user_id"));
		}
		return this.database
			.many((client) -> client.sql("SELECT team_id, role FROM team_members WHERE user_id = :user")
				.bind("user", userId)
				.map((row) -> new String[] { String.valueOf(row.get("team_id")), String.valueOf(row.get("role")) })
				.all())
			.collectList()
			.flatMap((memberships) -> {
				Map<String, String> roles = new LinkedHashMap<>();
				memberships.forEach((membership) -> roles.put(membership[0], membership[1]));
				for (String team : asked) {
					if (!roles.containsKey(team)) {
						return Mono.error(new NotFoundError(
								"User does not belong to Team= " + team + ". Call `/user/info` to see user's teams",
								null, "team_ids"));
					}
				}
				List<String> teams = asked.isEmpty() ? new ArrayList<>(roles.keySet()) : asked;
				// per team: its admins see every call of it, its plain members only their
				// own
				// keys' calls
				List<String> administered = teams.stream().filter((team) -> "admin".equals(roles.get(team))).toList();
				List<String> member = teams.stream().filter((team) -> !"admin".equals(roles.get(team))).toList();
				List<String> allowed = new ArrayList<>();
				if (!administered.isEmpty()) {
					allowed.add("d.team_id IN (" + query.values("a", administered) + ")");
				}
				if (!member.isEmpty()) {
					allowed.add("(d.team_id IN (" + query.values("m", member)
							+ ") AND d.api_key IN (SELECT token FROM api_keys WHERE user_id = :owner))");
					query.bindOnly("owner", userId);
				}
				query.where(allowed.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", allowed) + ")", null, null);
				return answer(query, "team_id", true);
			});
	}

	private Query query(ServerRequest request, String table, int defaultSize, int maxSize) {
		String start = request.queryParam("start_date").orElse(null);
		String end = request.queryParam("end_date").orElse(null);
		if (start == null || end == null || start.isBlank() || end.isBlank()) {
			throw new BadRequestError("Please provide start_date and end_date", null,
					(start == null) ? "start_date" : "end_date");
		}
		Query query = new Query(table, (int) QueryParams.number(request, "page", 1, 1, 1_000_000),
				(int) QueryParams.number(request, "page_size", defaultSize, 1, maxSize));
		query.where("d.date >= :start", "start", day(start, "start_date"));
		query.where("d.date <= :end", "end", day(end, "end_date"));
		request.queryParam("model").ifPresent((model) -> query.where("d.model = :model", "model", model));
		request.queryParam("api_key")
			.ifPresent((key) -> query.where("d.api_key = :api_key", "api_key",
					key.startsWith("sk-") ? KeyHashes.sha256Hex(key) : key));
		return query;
	}

	private Mono<ServerResponse> answer(Query query, String entity, boolean teamAliases) {
		Mono<List<Map<String, Object>>> rows = this.database
			.many((client) -> query.bind(client
				.sql("SELECT d.* FROM " + query.table + " d" + query.where() + " ORDER BY d.date DESC, d.id LIMIT "
						+ query.pageSize + " OFFSET " + (long) (query.page - 1) * query.pageSize))
				.fetch()
				.all())
			.collectList();
		Mono<Long> count = this.database.one((client) -> query
			.bind(client.sql("SELECT COUNT(*) AS total FROM " + query.table + " d" + query.where()))
			.map((row) -> ((Number) row.get("total")).longValue())
			.first());
		return rows.zipWith(count).flatMap((found) -> {
			List<Map<String, Object>> page = found.getT1();
			Set<String> keys = new LinkedHashSet<>();
			Set<String> teams = new LinkedHashSet<>();
			page.forEach((row) -> {
				keys.add(String.valueOf(row.get("api_key")));
				if (teamAliases) {
					teams.add(String.valueOf(row.get(entity)));
				}
			});
			return lookup("SELECT token AS id, key_alias, team_id FROM api_keys WHERE token IN ", keys)
				.zipWith(lookup("SELECT team_id AS id, team_alias FROM teams WHERE team_id IN ", teams))
				.flatMap((known) -> json(body(page, found.getT2(), query, entity, known.getT1(), known.getT2())));
		});
	}

	/** Rows of a table by id, for the page's few keys and teams. */
	private Mono<Map<String, Map<String, Object>>> lookup(String select, Set<String> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<String> names = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			names.add(":i" + i);
		}
		return this.database.many((client) -> {
			GenericExecuteSpec spec = client.sql(select + "(" + String.join(", ", names) + ")");
			int i = 0;
			for (String id : ids) {
				spec = spec.bind("i" + i++, id);
			}
			return spec.fetch().all();
		}).collectMap((row) -> String.valueOf(row.get("id")), (row) -> row);
	}

	private static Map<String, Object> body(List<Map<String, Object>> page, long total, Query query, String entity,
			Map<String, Map<String, Object>> keys, Map<String, Map<String, Object>> teams) {
		Map<String, Day> days = new TreeMap<>((a, b) -> b.compareTo(a));
		double[] totals = new double[METRICS.length];
		for (Map<String, Object> row : page) {
			double[] metrics = metrics(row);
			for (int i = 0; i < totals.length; i++) {
				totals[i] += metrics[i];
			}
			String apiKey = String.valueOf(row.get("api_key"));
			Map<String, Object> keyMetadata = keyMetadata(keys.get(apiKey));
			Day day = days.computeIfAbsent(String.valueOf(row.get("date")), (date) -> new Day());
			add(day.metrics, metrics);
			String model = text(row.get("model"));
			if (model != null) {
				day.node("models", model).add(metrics, apiKey, keyMetadata);
			}
			String group = text(row.get("model_group"));
			if (group != null) {
				day.node("model_groups", group).add(metrics, apiKey, keyMetadata);
			}
			String provider = text(row.get("custom_llm_provider"));
			day.node("providers", (provider != null) ? provider : "unknown").add(metrics, apiKey, keyMetadata);
			Node key = day.node("api_keys", apiKey);
			add(key.metrics, metrics);
			key.metadata.putAll(keyMetadata);
			String owner = text(row.get(entity));
			Node ownerNode = day.node("entities", (owner != null) ? owner : "Unassigned");
			ownerNode.add(metrics, apiKey, keyMetadata);
			if (entity.equals("team_id") && owner != null) {
				Map<String, Object> team = teams.get(owner);
				ownerNode.metadata.put("team_alias", (team != null) ? team.get("team_alias") : null);
			}
		}
		List<Map<String, Object>> results = new ArrayList<>();
		days.forEach((date, day) -> results.add(day.view(date)));
		Map<String, Object> metadata = new LinkedHashMap<>();
		for (int i = 0; i < METRICS.length; i++) {
			// LiteLLM's name for the page's total tokens is total_tokens, not
			// total_total_tokens
			String name = METRICS[i].equals("total_tokens") ? "total_tokens" : "total_" + METRICS[i];
			metadata.put(name, value(METRICS[i], totals[i]));
		}
		metadata.put("page", query.page);
		metadata.put("total_pages", (total + query.pageSize - 1) / query.pageSize);
		metadata.put("has_more", (long) query.page * query.pageSize < total);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("results", results);
		body.put("metadata", metadata);
		return body;
	}

	private static double[] metrics(Map<String, Object> row) {
		double prompt = number(row.get("prompt_tokens"));
		double completion = number(row.get("completion_tokens"));
		return new double[] { number(row.get("spend")), prompt, completion, 0, 0, prompt + completion,
				number(row.get("successful_requests")), number(row.get("failed_requests")),
				number(row.get("api_requests")) };
	}

	private static Map<String, Object> keyMetadata(@Nullable Map<String, Object> key) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("key_alias", (key != null) ? key.get("key_alias") : null);
		metadata.put("team_id", (key != null) ? key.get("team_id") : null);
		return metadata;
	}

	private static void add(double[] into, double[] metrics) {
		for (int i = 0; i < into.length; i++) {
			into[i] += metrics[i];
		}
	}

	private static Map<String, Object> view(double[] metrics) {
		Map<String, Object> view = new LinkedHashMap<>();
		for (int i = 0; i < METRICS.length; i++) {
			view.put(METRICS[i], value(METRICS[i], metrics[i]));
		}
		return view;
	}

	private static Object value(String metric, double value) {
		return metric.equals("spend") ? (Object) value : (Object) (long) value;
	}

	private static double number(@Nullable Object value) {
		return (value instanceof Number number) ? number.doubleValue() : 0;
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value == null || value.toString().isEmpty()) ? null : value.toString();
	}

	private static String day(String text, String param) {
		try {
			return LocalDate.parse(text.trim()).toString();
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestError("Invalid " + param + ": expected YYYY-MM-DD, got " + text, null, param);
		}
	}

	private static Mono<ServerResponse> json(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	/** A page's SQL conditions and their values; column names are ours, values bound. */
	private static final class Query {

		private final String table;

		private final int page;

		private final int pageSize;

		private final List<String> conditions = new ArrayList<>();

		private final Map<String, Object> binds = new LinkedHashMap<>();

		Query(String table, int page, int pageSize) {
			this.table = table;
			this.page = page;
			this.pageSize = pageSize;
		}

		void bindOnly(String name, Object value) {
			this.binds.put(name, value);
		}

		void where(String condition, @Nullable String name, @Nullable Object value) {
			this.conditions.add(condition);
			if (name != null && value != null) {
				this.binds.put(name, value);
			}
		}

		/** Named placeholders for a list of values, bound here. */
		String values(String prefix, List<String> values) {
			List<String> names = new ArrayList<>();
			for (int i = 0; i < values.size(); i++) {
				names.add(":" + prefix + i);
				this.binds.put(prefix + i, values.get(i));
			}
			return String.join(", ", names);
		}

		String where() {
			return this.conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", this.conditions);
		}

		GenericExecuteSpec bind(GenericExecuteSpec spec) {
			for (Map.Entry<String, Object> bind : this.binds.entrySet()) {
				spec = spec.bind(bind.getKey(), bind.getValue());
			}
			return spec;
		}

	}

	/** One day of the results. */
	private static final class Day {

		private final double[] metrics = new double[METRICS.length];

		private final Map<String, Map<String, Node>> breakdown = new LinkedHashMap<>();

		Day() {
			for (String kind : List.of("mcp_servers", "models", "model_groups", "providers", "endpoints", "api_keys",
					"entities")) {
				this.breakdown.put(kind, new LinkedHashMap<>());
			}
		}

		Node node(String kind, String name) {
			return this.breakdown.get(kind).computeIfAbsent(name, (key) -> new Node(!kind.equals("api_keys")));
		}

		Map<String, Object> view(String date) {
			Map<String, Object> breakdown = new LinkedHashMap<>();
			this.breakdown.forEach((kind, nodes) -> {
				Map<String, Object> views = new LinkedHashMap<>();
				nodes.forEach((name, node) -> views.put(name, node.view()));
				breakdown.put(kind, views);
			});
			Map<String, Object> day = new LinkedHashMap<>();
			day.put("date", date);
			day.put("metrics", DailyActivity.view(this.metrics));
			day.put("breakdown", breakdown);
			return day;
		}

	}

	/** A breakdown entry: its metrics, metadata and, but for keys, its keys' share. */
	private static final class Node {

		private final double[] metrics = new double[METRICS.length];

		private final Map<String, Object> metadata = new LinkedHashMap<>();

		private final @Nullable Map<String, Node> keys;

		Node(boolean withKeys) {
			this.keys = withKeys ? new LinkedHashMap<>() : null;
		}

		void add(double[] metrics, String apiKey, Map<String, Object> keyMetadata) {
			DailyActivity.add(this.metrics, metrics);
			if (this.keys != null) {
				Node key = this.keys.computeIfAbsent(apiKey, (name) -> new Node(false));
				DailyActivity.add(key.metrics, metrics);
				key.metadata.putAll(keyMetadata);
			}
		}

		Map<String, Object> view() {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("metrics", DailyActivity.view(this.metrics));
			view.put("metadata", this.metadata);
			if (this.keys != null) {
				Map<String, Object> keys = new LinkedHashMap<>();
				this.keys.forEach((name, node) -> keys.put(name, node.view()));
				view.put("api_key_breakdown", keys);
			}
			return view;
		}

	}

}
