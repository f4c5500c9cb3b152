package dev.llmgw.gateway.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.admin.store.TeamMemberRow;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.config.BudgetDuration;
import dev.llmgw.gateway.config.LitellmSettings;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.web.QueryParams;
import dev.llmgw.ids.Ids;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /user/*}: admins create, change, delete and list users; anyone reads their own
 * user. {@code /user/new} also creates the user's first key unless
 * {@code auto_create_key} is false.
 */
public final class UserEndpoints {

	static final Set<String> ROLES = Set.of(CallerIdentity.PROXY_ADMIN, CallerIdentity.PROXY_ADMIN_VIEWER,
			CallerIdentity.INTERNAL_USER, CallerIdentity.INTERNAL_USER_VIEWER);

	/**
	 * /user/new fields that land on the key only, and those that land on both the user
	 * and the key.
	 */
	private static final List<String> KEY_ONLY = List.of("duration", "key_alias", "aliases", "permissions", "key",
			"team_id", "tags", "allowed_routes", "config", "key_type", "blocked");

	private static final List<String> SHARED = List.of("models", "tpm_limit", "rpm_limit", "max_parallel_requests",
			"metadata", "spend", "model_rpm_limit", "model_tpm_limit");

	private final RowStore rows;

	private final KeyRows keys;

	private final KeyInvalidation invalidation;

	private final JsonBodyReader bodies;

	private final LitellmSettings settings;

	UserEndpoints(RowStore rows, KeyRows keys, KeyInvalidation invalidation, JsonBodyReader bodies,
			LitellmSettings settings) {
		this.rows = rows;
		this.keys = keys;
		this.invalidation = invalidation;
		this.bodies = bodies;
		this.settings = settings;
	}

	public Mono<ServerResponse> create(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/user/new");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			Map<String, @Nullable Object> user = newUser(fields);
			String userId = (String) user.get("user_id");
			List<String> teamIds = teamIds(fields);
			boolean withKey = !Boolean.FALSE.equals(fields.bool("auto_create_key"));
			Map<String, @Nullable Object> keyBody = new LinkedHashMap<>();
			for (String field : KEY_ONLY) {
				if (body.get(field) != null) {
					keyBody.put(field, body.get(field));
				}
			}
			for (String field : SHARED) {
				if (body.get(field) != null) {
					keyBody.put(field, body.get(field));
				}
			}
			keyBody.put("user_id", userId);
			if (teamIds.size() == 1 && keyBody.get("team_id") == null) {
				// a user created into one team gets a key of that team, so the team's
				// models and budget apply
				keyBody.put("team_id", teamIds.get(0));
			}
			RequestFields keyFields = this.keys.withDefaults(keyBody);
			String rawKey = withKey ? Ids.newKey() : "";
			Map<String, @Nullable Object> keyRow = withKey ? this.keys.newRow(keyFields, rawKey, caller.userId())
					: null;
			return checkUnique(user)
				.then(Flux.fromIterable(teamIds)
					.concatMap((teamId) -> this.rows.find(AdminTables.TEAMS, teamId)
						.switchIfEmpty(Mono
							.error(() -> new BadRequestError("Team not found: team_id=" + teamId, null, "teams"))))
					.then())
				.then(this.rows.database()
					.inTransaction((client) -> this.rows.insert(client, AdminTables.USERS, user)
						.then(Flux.fromIterable(teamIds)
							.concatMap((teamId) -> this.rows.insert(client, AdminTables.TEAM_MEMBERS,
									new TeamMemberRow(teamId, userId, "user", 0.0, null, this.keys.now()).columns()))
							.then())
						.then((keyRow != null) ? this.rows.insert(client, AdminTables.KEYS, keyRow) : Mono.empty())
						.thenReturn(user)))
				.doOnSuccess((saved) -> {
					this.invalidation.userChanged(userId);
					if (keyRow != null) {
						this.invalidation.keyChanged((String) keyRow.get("token"));
					}
				})
				.flatMap((saved) -> AdminJson.ok(response(saved, keyRow, rawKey, teamIds, body)));
		});
	}

	public Mono<ServerResponse> info(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		String userId = request.queryParam("user_id").orElse(caller.userId());
		if (userId == null) {
			return Mono.error(new BadRequestError("Pass the user to look up: /user/info?user_id=...", null, "user_id"));
		}
		if (!caller.canReadAll() && !userId.equals(caller.userId())) {
			return Mono.error(new PermissionDeniedError("You can only view your own user", null, "user_id"));
		}
		return this.rows.find(AdminTables.USERS, userId)
			.switchIfEmpty(Mono.error(() -> new NotFoundError("User " + userId + " not found", null, "user_id")))
			.flatMap((user) -> this.rows.findAll(AdminTables.KEYS, Map.of("user_id", userId), 1000, 0)
				.map(KeyRows::publicView)
				.collectList()
				.zipWith(teamsOf(userId).collectList())
				.flatMap((keysAndTeams) -> {
					Map<String, @Nullable Object> body = new LinkedHashMap<>();
					body.put("user_id", userId);
					body.put("user_info", view(user));
					body.put("keys", keysAndTeams.getT1());
					body.put("teams", keysAndTeams.getT2());
					return AdminJson.ok(body);
				}));
	}

	public Mono<ServerResponse> update(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/user/update");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String userId = fields.string("user_id");
			String email = fields.string("user_email");
			if (userId == null && email == null) {
				return Mono.error(new BadRequestError("Send user_id or user_email", null, "user_id"));
			}
			Mono<Map<String, @Nullable Object>> existing = (userId != null) ? this.rows.find(AdminTables.USERS, userId)
					: this.rows.findFirst(AdminTables.USERS, "user_email", email);
			return existing
				.switchIfEmpty(
						Mono.error(() -> new NotFoundError("User " + ((userId != null) ? userId : email) + " not found",
								null, "user_id")))
				.flatMap((user) -> {
					Map<String, @Nullable Object> changes = userChanges(fields);
					changes.remove("user_id");
					changes.put("updated_at", this.keys.now());
					user.putAll(changes);
					String id = (String) user.get("user_id");
					return this.rows.update(AdminTables.USERS, id, changes)
						.doOnSuccess((count) -> this.invalidation.userChanged(id))
						.then(AdminJson.ok(Map.of("user_id", id, "data", view(user))));
				});
		});
	}

	public Mono<ServerResponse> delete(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/user/delete");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			List<String> userIds = new RequestFields(body).requiredStrings("user_ids");
			return Flux.fromIterable(userIds)
				.concatMap((userId) -> this.rows.database()
					.inTransaction((client) -> this.rows.delete(client, AdminTables.KEYS, "user_id", userId)
						.then(this.rows.delete(client, AdminTables.TEAM_MEMBERS, "user_id", userId))
						.then(this.rows.delete(client, AdminTables.ORGANIZATION_MEMBERS, "user_id", userId))
						.then(this.rows.delete(client, AdminTables.USERS, "user_id", userId)))
					.doOnSuccess((count) -> this.invalidation.userChanged(userId)))
				.reduce(0L, Long::sum)
				.flatMap(AdminJson::ok);
		});
	}

	/**
	 * {@code GET /spend/users}, LiteLLM's "all users, by spend": admins and admin viewers
	 * see the {@value KeyEndpoints#MAX_SPEND_KEYS} that spent most; with {@code user_id},
	 * that user alone, which a user may ask of themselves.
	 */
	public Mono<ServerResponse> spendUsers(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		String userId = request.queryParam("user_id").filter((id) -> !id.isBlank()).orElse(null);
		if (userId == null || !userId.equals(caller.userId())) {
			AdminAccess.requireReadAll(caller, "/spend/users");
		}
		Flux<Map<String, @Nullable Object>> users = (userId != null) ? this.rows.find(AdminTables.USERS, userId).flux()
				: this.rows.query(
						"SELECT * FROM users ORDER BY spend DESC, user_id LIMIT " + KeyEndpoints.MAX_SPEND_KEYS,
						Map.of(), AdminTables.USERS);
		return users.map(UserEndpoints::view).collectList().flatMap(AdminJson::ok);
	}

	public Mono<ServerResponse> list(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireReadAll(caller, "/user/list");
		int page = (int) QueryParams.number(request, "page", 1, 1, 1_000_000);
		int size = (int) QueryParams.number(request, "page_size", 25, 1, 100);
		// LiteLLM's filters: role, user_ids (a list), user_email (a part of it, any
		// case),
		// team (a team's members); sort_by and sort_order
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		Map<String, Object> binds = new LinkedHashMap<>();
		request.queryParam("role").ifPresent((role) -> {
			where.append(" AND u.user_role = :role");
			binds.put("role", role);
		});
		request.queryParam("user_email").filter((email) -> !email.isBlank()).ifPresent((email) -> {
			where.append(" AND LOWER(u.user_email) LIKE :email ESCAPE '\\'");
			binds.put("email", "%" + QueryParams.likeEscaped(email.toLowerCase(Locale.ROOT)) + "%");
		});
		List<String> ids = QueryParams.list(request, "user_ids", 100);
		if (!ids.isEmpty()) {
			List<String> names = new ArrayList<>();
			for (int i = 0; i < ids.size(); i++) {
				names.add(":id" + i);
				binds.put("id" + i, ids.get(i));
			}
			where.append(" AND u.user_id IN (").append(String.join(", ", names)).append(")");
		}
		request.queryParam("team").ifPresent((team) -> {
			where.append(" AND u.user_id IN (SELECT m.user_id FROM team_members m WHERE m.team_id = :team)");
			binds.put("team", team);
		});
		String sortBy = request.queryParam("sort_by")
			.filter((column) -> List.of("user_id", "user_email", "user_alias", "user_role", "spend", "created_at")
				.contains(column))
			.orElse("created_at");
		boolean ascending = request.queryParam("sort_order")
			.map((order) -> order.equalsIgnoreCase("asc"))
			.orElse(false);
		String order = " ORDER BY u." + sortBy + (ascending ? " ASC" : " DESC") + ", u.user_id";
		return this.rows
			.page("SELECT u.* FROM users u" + where + order, "SELECT COUNT(*) AS total FROM users u" + where, binds,
					size, (long) (page - 1) * size, AdminTables.USERS)
			.flatMap((found) -> Flux.fromIterable(found.rows())
				.concatMap((user) -> this.rows.count(AdminTables.KEYS, Map.of("user_id", user.get("user_id")))
					.map((count) -> {
						Map<String, @Nullable Object> view = view(user);
						view.put("key_count", count);
						return view;
					}))
				.collectList()
				.map((users) -> Tuples.of(found.total(), users)))
			.flatMap((result) -> {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("users", result.getT2());
				body.put("total", result.getT1());
				body.put("page", page);
				body.put("page_size", size);
				body.put("total_pages", (result.getT1() + size - 1) / size);
				return AdminJson.ok(body);
			});
	}

	private Map<String, @Nullable Object> newUser(RequestFields fields) {
		String role = (fields.string("user_role") != null) ? fields.string("user_role") : CallerIdentity.INTERNAL_USER;
		if (!ROLES.contains(role)) {
			throw new BadRequestError("Invalid user_role: " + role + ". Use one of " + ROLES, null, "user_role");
		}
		Map<String, @Nullable Object> user = new LinkedHashMap<>();
		user.put("user_role", role);
		user.put("spend", 0.0);
		user.putAll(userChanges(fields));
		// a null user_id is one not given, as in LiteLLM's NewUserRequest: one is made up
		String userId = fields.string("user_id");
		user.put("user_id", (userId != null) ? userId : Ids.uuid());
		boolean internal = role.startsWith("internal_user");
		if (internal && !fields.has("max_budget") && this.settings.maxInternalUserBudget() != null) {
			user.put("max_budget", this.settings.maxInternalUserBudget());
		}
		if (internal && !fields.has("budget_duration") && this.settings.internalUserBudgetDuration() != null) {
			BudgetDuration period = this.settings.internalUserBudgetDuration();
			user.put("budget_duration", period.toString());
			user.put("budget_reset_at", period.addTo(this.keys.now().toZonedDateTime()).toOffsetDateTime());
		}
		user.put("created_at", this.keys.now());
		user.put("updated_at", this.keys.now());
		return user;
	}

	private Map<String, @Nullable Object> userChanges(RequestFields fields) {
		Map<String, @Nullable Object> user = new LinkedHashMap<>();
		if (fields.has("user_role")) {
			String role = fields.string("user_role");
			if (role == null || !ROLES.contains(role)) {
				throw new BadRequestError("Invalid user_role: " + role + ". Use one of " + ROLES, null, "user_role");
			}
			user.put("user_role", role);
		}
		for (String field : List.of("user_id", "user_alias", "sso_user_id", "organization_id")) {
			if (fields.has(field)) {
				user.put(field, fields.string(field));
			}
		}
		if (fields.has("user_email")) {
			String email = fields.string("user_email");
			user.put("user_email", (email != null) ? email.toLowerCase(Locale.ROOT) : null);
		}
		if (fields.has("models")) {
			user.put("models", fields.strings("models"));
		}
		if (fields.has("max_budget")) {
			user.put("max_budget", fields.budget("max_budget"));
		}
		if (fields.has("budget_duration")) {
			BudgetDuration period = fields.duration("budget_duration");
			user.put("budget_duration", (period != null) ? period.toString() : null);
			user.put("budget_reset_at",
					(period != null) ? period.addTo(this.keys.now().toZonedDateTime()).toOffsetDateTime() : null);
		}
		if (fields.has("model_max_budget")) {
			user.put("model_max_budget", fields.map("model_max_budget"));
		}
		if (fields.has("tpm_limit")) {
			user.put("tpm_limit", fields.limit("tpm_limit"));
		}
		if (fields.has("rpm_limit")) {
			user.put("rpm_limit", fields.limit("rpm_limit"));
		}
		if (fields.has("max_parallel_requests")) {
			Long parallel = fields.limit("max_parallel_requests");
			user.put("max_parallel_requests", (parallel != null) ? parallel.intValue() : null);
		}
		Map<String, Object> metadata = fields.map("metadata");
		if (metadata != null || fields.raw("model_rpm_limit") != null || fields.raw("model_tpm_limit") != null) {
			Map<String, Object> merged = (metadata != null) ? new LinkedHashMap<>(metadata) : new LinkedHashMap<>();
			for (String field : List.of("model_rpm_limit", "model_tpm_limit")) {
				if (fields.raw(field) != null) {
					merged.put(field, fields.raw(field));
				}
			}
			user.put("metadata", merged);
		}
		return user;
	}

	private Mono<Void> checkUnique(Map<String, @Nullable Object> user) {
		Mono<Void> byId = this.rows.find(AdminTables.USERS, user.get("user_id"))
			.flatMap((existing) -> Mono.error(new UpstreamError(409, "invalid_request_error",
					"User with user_id " + user.get("user_id") + " already exists", "user_id")));
		Object email = user.get("user_email");
		Mono<Void> byEmail = (email == null) ? Mono.empty()
				: this.rows.findFirst(AdminTables.USERS, "user_email", email)
					.flatMap((existing) -> Mono.error(new UpstreamError(409, "invalid_request_error",
							"User with email " + email + " already exists", "user_email")));
		return byId.then(byEmail);
	}

	private Flux<Map<String, @Nullable Object>> teamsOf(String userId) {
		return this.rows.findAll(AdminTables.TEAM_MEMBERS, Map.of("user_id", userId), 1000, 0)
			.concatMap((membership) -> this.rows.find(AdminTables.TEAMS, membership.get("team_id")))
			.map(UserEndpoints::view);
	}

	private static List<String> teamIds(RequestFields fields) {
		Object teams = fields.raw("teams");
		List<String> ids = new ArrayList<>();
		if (teams == null) {
			return ids;
		}
		if (!(teams instanceof List<?> list)) {
			throw new BadRequestError("Invalid value for teams: expected a list", null, "teams");
		}
		for (Object team : list) {
			Object id = (team instanceof Map<?, ?> map) ? map.get("team_id") : team;
			if (id == null || id instanceof Map || id instanceof List) {
				throw new BadRequestError("Invalid value for teams: expected team ids", null, "teams");
			}
			ids.add(id.toString());
		}
		return ids;
	}

	/**
	 * LiteLLM's NewUserResponse: the key's GenerateKeyResponse plus the user's fields,
	 * token fields null.
	 */
	private static Map<String, @Nullable Object> response(Map<String, @Nullable Object> user,
			@Nullable Map<String, @Nullable Object> keyRow, String rawKey, List<String> teamIds,
			Map<String, @Nullable Object> body) {
		Map<String, @Nullable Object> response = (keyRow != null) ? KeyRows.generateResponse(keyRow, rawKey)
				: new LinkedHashMap<>();
		if (keyRow == null) {
			response.put("key", "");
		}
		response.put("token", null);
		response.put("token_id", null);
		response.put("user_id", user.get("user_id"));
		response.put("user_email", user.get("user_email"));
		response.put("user_role", user.get("user_role"));
		response.put("user_alias", user.get("user_alias"));
		response.put("teams", teamIds);
		response.put("max_budget", user.get("max_budget"));
		response.put("budget_duration", user.get("budget_duration"));
		response.put("model_max_budget", user.get("model_max_budget"));
		response.put("models", user.get("models"));
		for (String field : List.of("model_rpm_limit", "model_tpm_limit")) {
			response.put(field, body.get(field));
		}
		return response;
	}

	static Map<String, @Nullable Object> view(Map<String, @Nullable Object> row) {
		return KeyRows.publicView(row);
	}

}
