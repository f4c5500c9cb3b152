package dev.llmgw.gateway.admin.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.llmgw.gateway.admin.AdminAccess;
import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.AdminJson;
import dev.llmgw.gateway.admin.AdminViews;
import dev.llmgw.gateway.admin.RequestFields;
import dev.llmgw.gateway.admin.keys.KeyEndpoints;
import dev.llmgw.gateway.admin.keys.KeyRows;
import dev.llmgw.gateway.admin.store.KeyRow;
import dev.llmgw.gateway.admin.store.KeyStore;
import dev.llmgw.gateway.admin.store.TeamMemberRow;
import dev.llmgw.gateway.admin.store.TeamStore;
import dev.llmgw.gateway.admin.store.UserRow;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import dev.llmgw.gateway.error.UpstreamError;
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

	private final UserStore users;

	private final KeyStore keyStore;

	private final TeamStore teams;

	private final KeyRows keys;

	private final UserRules rules;

	private final AdminClock clock;

	private final KeyInvalidation invalidation;

	private final JsonBodyReader bodies;

	UserEndpoints(UserStore users, KeyStore keyStore, TeamStore teams, KeyRows keys, UserRules rules, AdminClock clock,
			KeyInvalidation invalidation, JsonBodyReader bodies) {
		this.users = users;
		this.keyStore = keyStore;
		this.teams = teams;
		this.keys = keys;
		this.rules = rules;
		this.clock = clock;
		this.invalidation = invalidation;
		this.bodies = bodies;
	}

	public Mono<ServerResponse> create(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/user/new");
		return this.bodies.readObject(request.exchange()).map(this.rules::withDefaults).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			UserRow user = this.rules.newUser(fields);
			String userId = String.valueOf(user.userId());
			List<String> teamIds = UserRules.teamIds(fields);
			boolean withKey = !Boolean.FALSE.equals(fields.bool("auto_create_key"));
			Map<String, @Nullable Object> keyBody = new LinkedHashMap<>();
			for (String field : UserRules.KEY_ONLY) {
				if (body.get(field) != null) {
					keyBody.put(field, body.get(field));
				}
			}
			for (String field : UserRules.SHARED) {
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
					.concatMap((teamId) -> this.teams.find(teamId)
						.switchIfEmpty(Mono
							.error(() -> new BadRequestError("Team not found: team_id=" + teamId, null, "teams"))))
					.then())
				.then(this.users.database()
					.inTransaction((client) -> this.users.insert(client, user)
						.then(Flux.fromIterable(teamIds)
							.concatMap((teamId) -> this.teams.addMember(client,
									new TeamMemberRow(teamId, userId, "user", 0.0, null, this.clock.now())))
							.then())
						.then((keyRow != null) ? this.keyStore.insert(client, KeyRow.from(keyRow)) : Mono.empty())
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
		return this.users.find(userId)
			.switchIfEmpty(Mono.error(() -> new NotFoundError("User " + userId + " not found", null, "user_id")))
			.flatMap((user) -> this.keyStore.findAll(Map.of("user_id", userId), 1000, 0)
				.map(AdminViews::publicView)
				.collectList()
				.zipWith(teamsOf(userId).collectList())
				.flatMap((keysAndTeams) -> {
					Map<String, @Nullable Object> body = new LinkedHashMap<>();
					body.put("user_id", userId);
					body.put("user_info", AdminViews.publicView(user));
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
			return this.users.find(userId, email)
				.switchIfEmpty(
						Mono.error(() -> new NotFoundError("User " + ((userId != null) ? userId : email) + " not found",
								null, "user_id")))
				.flatMap((user) -> {
					Map<String, @Nullable Object> changes = this.rules.changes(fields);
					changes.remove("user_id");
					changes.put("updated_at", this.clock.now());
					String id = String.valueOf(user.userId());
					return this.users.update(id, changes)
						.doOnSuccess((count) -> this.invalidation.userChanged(id))
						.then(AdminJson.ok(Map.of("user_id", id, "data", AdminViews.publicView(user.with(changes)))));
				});
		});
	}

	public Mono<ServerResponse> delete(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/user/delete");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			List<String> userIds = new RequestFields(body).requiredStrings("user_ids");
			return Flux.fromIterable(userIds)
				.concatMap((userId) -> this.users.deleteWithKeys(userId)
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
		Flux<UserRow> users = (userId != null) ? this.users.find(userId).flux() : this.users
			.query("SELECT * FROM users ORDER BY spend DESC, user_id LIMIT " + KeyEndpoints.MAX_SPEND_KEYS, Map.of());
		return users.map(AdminViews::publicView).collectList().flatMap(AdminJson::ok);
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
		return this.users
			.page("SELECT u.* FROM users u" + where + order, "SELECT COUNT(*) AS total FROM users u" + where, binds,
					size, (long) (page - 1) * size)
			.flatMap((found) -> Flux.fromIterable(found.rows())
				.concatMap(
						(user) -> this.keyStore.count(Map.of("user_id", String.valueOf(user.userId()))).map((count) -> {
							Map<String, @Nullable Object> view = AdminViews.publicView(user);
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

	private Mono<Void> checkUnique(UserRow user) {
		Mono<Void> byId = this.users.find(String.valueOf(user.userId()))
			.flatMap((existing) -> Mono.error(new UpstreamError(409, "invalid_request_error",
					"User with user_id " + user.userId() + " already exists", "user_id")));
		String email = user.userEmail();
		Mono<Void> byEmail = (email == null) ? Mono.empty()
				: this.users.findFirst("user_email", email)
					.flatMap((existing) -> Mono.error(new UpstreamError(409, "invalid_request_error",
							"User with email " + email + " already exists", "user_email")));
		return byId.then(byEmail);
	}

	private Flux<Map<String, @Nullable Object>> teamsOf(String userId) {
		return this.teams.memberships(userId, 1000)
			.concatMap((membership) -> this.teams.find(String.valueOf(membership.teamId())))
			.map(AdminViews::publicView);
	}

	/**
	 * LiteLLM's NewUserResponse: the key's GenerateKeyResponse plus the user's fields,
	 * token fields null.
	 */
	private static Map<String, @Nullable Object> response(UserRow user, @Nullable Map<String, @Nullable Object> keyRow,
			String rawKey, List<String> teamIds, Map<String, @Nullable Object> body) {
		Map<String, @Nullable Object> response = (keyRow != null) ? KeyRows.generateResponse(keyRow, rawKey)
				: new LinkedHashMap<>();
		if (keyRow == null) {
			response.put("key", "");
		}
		response.put("token", null);
		response.put("token_id", null);
		response.put("user_id", user.userId());
		response.put("user_email", user.userEmail());
		response.put("user_role", user.userRole());
		response.put("user_alias", user.userAlias());
		response.put("teams", teamIds);
		response.put("max_budget", user.maxBudget());
		response.put("budget_duration", user.budgetDuration());
		response.put("model_max_budget", user.modelMaxBudget());
		response.put("models", user.models());
		for (String field : List.of("model_rpm_limit", "model_tpm_limit")) {
			response.put(field, body.get(field));
		}
		return response;
	}

}
