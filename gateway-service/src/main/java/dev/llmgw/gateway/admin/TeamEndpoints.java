package dev.llmgw.gateway.admin;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.config.BudgetDuration;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.web.QueryParams;
import dev.llmgw.ids.Ids;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /team/*}: admins create, change, block and delete teams and manage their
 * members; members read their teams. Deleting a team deletes its keys, as in LiteLLM.
 */
public final class TeamEndpoints {

	private final RowStore rows;

	private final KeyRows keys;

	private final KeyInvalidation invalidation;

	private final JsonBodyReader bodies;

	private final KeyAccess access;

	TeamEndpoints(RowStore rows, KeyRows keys, KeyInvalidation invalidation, JsonBodyReader bodies) {
		this.rows = rows;
		this.keys = keys;
		this.invalidation = invalidation;
		this.bodies = bodies;
		this.access = new KeyAccess(rows);
	}

	public Mono<ServerResponse> create(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/team/new");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String teamId = (fields.string("team_id") != null) ? fields.string("team_id") : Ids.uuid();
			Map<String, @Nullable Object> team = new LinkedHashMap<>();
			team.put("team_id", teamId);
			team.put("spend", 0.0);
			team.put("blocked", false);
			team.putAll(withGuardrails(changes(fields), fields, null));
			team.put("created_at", this.keys.now());
			team.put("updated_at", this.keys.now());
			List<Member> members = members(fields.raw("members_with_roles"), "members_with_roles");
			return this.rows.find(AdminTables.TEAMS, teamId)
				.flatMap((existing) -> Mono.<Map<String, @Nullable Object>>error(new BadRequestError(
						"Team id = " + teamId + " already exists. Please use a different team id.", null, "team_id")))
				.then(withinOrganization(team.get("organization_id"), team.get("models")))
				.then(this.rows.database()
					.inTransaction((client) -> this.rows.insert(client, AdminTables.TEAMS, team)
						.then(Flux.fromIterable(members)
							.concatMap((member) -> ensureUser(member)
								.flatMap((userId) -> this.rows.insert(client, AdminTables.TEAM_MEMBERS,
										membership(teamId, userId, member.role(), this.keys.now()))))
							.then())
						.thenReturn(team)))
				.flatMap((saved) -> withMembers(saved))
				.flatMap(AdminJson::ok);
		});
	}

	public Mono<ServerResponse> info(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		String teamId = request.queryParam("team_id").orElse(caller.teamId());
		if (teamId == null) {
			return Mono.error(new BadRequestError("Pass the team to look up: /team/info?team_id=...", null, "team_id"));
		}
		return team(teamId).flatMap((team) -> this.access.teamRole(caller, teamId).flatMap((role) -> {
			if (!caller.canReadAll() && role.isEmpty() && !teamId.equals(caller.teamId())) {
				return Mono.error(new PermissionDeniedError("You can only view teams you belong to", null, "team_id"));
			}
			// a plain member sees its own keys of the team, not the other members' keys
			// and
			// their spend; team admins and proxy admins (and their viewers) see them all
			Map<String, Object> keysWhere = new LinkedHashMap<>();
			keysWhere.put("team_id", teamId);
			if (!caller.canReadAll() && !role.filter("admin"::equals).isPresent()) {
				if (caller.userId() != null) {
					keysWhere.put("user_id", caller.userId());
				}
				else {
					keysWhere.put("token", String.valueOf(caller.keyHash()));
				}
			}
			return withMembers(team)
				.zipWith(this.rows.findAll(AdminTables.KEYS, keysWhere, 1000, 0).map(KeyRows::publicView).collectList())
				.zipWith(this.rows.findAll(AdminTables.TEAM_MEMBERS, Map.of("team_id", teamId), 1000, 0)
					.map(KeyRows::publicView)
					.collectList())
				.flatMap((result) -> {
					Map<String, @Nullable Object> body = new LinkedHashMap<>();
					body.put("team_id", teamId);
					body.put("team_info", result.getT1().getT1());
					body.put("keys", result.getT1().getT2());
					body.put("team_memberships", result.getT2());
					return AdminJson.ok(body);
				});
		}));
	}

	public Mono<ServerResponse> update(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/team/update");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String teamId = fields.required("team_id");
			return team(teamId).flatMap((team) -> {
				Map<String, @Nullable Object> changes = withGuardrails(changes(fields), fields, team.get("metadata"));
				changes.put("updated_at", this.keys.now());
				team.putAll(changes);
				Mono<Void> checked = (changes.containsKey("organization_id") || changes.containsKey("models"))
						? withinOrganization(team.get("organization_id"), team.get("models")) : Mono.empty();
				return checked.then(this.rows.update(AdminTables.TEAMS, teamId, changes))
					.doOnSuccess((count) -> this.invalidation.teamChanged(teamId))
					.then(withMembers(team))
					.flatMap((view) -> AdminJson.ok(Map.of("team_id", teamId, "data", view)));
			});
		});
	}

	public Mono<ServerResponse> delete(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/team/delete");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			List<String> teamIds = new RequestFields(body).requiredStrings("team_ids");
			return Flux.fromIterable(teamIds)
				.concatMap(this::team)
				.then(Flux.fromIterable(teamIds)
					.concatMap((teamId) -> this.rows.database()
						.inTransaction((client) -> this.rows.delete(client, AdminTables.KEYS, "team_id", teamId)
							.then(this.rows.delete(client, AdminTables.TEAM_MEMBERS, "team_id", teamId))
							.then(this.rows.delete(client, AdminTables.TEAMS, "team_id", teamId)))
						.doOnSuccess((count) -> this.invalidation.teamChanged(teamId)))
					.then())
				.then(AdminJson.ok(Map.of("deleted_teams", teamIds)));
		});
	}

	public Mono<ServerResponse> list(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		Flux<Map<String, @Nullable Object>> teams;
		String userId = request.queryParam("user_id").orElse(null);
		if (!caller.canReadAll()) {
			userId = caller.userId();
			if (userId == null) {
				return AdminJson.ok(List.of());
			}
		}
		if (userId != null) {
			teams = this.rows.findAll(AdminTables.TEAM_MEMBERS, Map.of("user_id", userId), 1000, 0)
				.concatMap((membership) -> this.rows.find(AdminTables.TEAMS, membership.get("team_id")));
		}
		else {
			teams = this.rows.findAll(AdminTables.TEAMS, Map.of(), 1000, 0);
		}
		return teams.concatMap(this::withMembers).collectList().flatMap(AdminJson::ok);
	}

	public Mono<ServerResponse> addMember(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/team/member_add");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String teamId = fields.required("team_id");
			Object raw = fields.raw("member");
			List<Member> members = members((raw instanceof Map) ? List.of(raw) : raw, "member");
			if (members.isEmpty()) {
				return Mono.error(
						new BadRequestError("Send member: {\"user_id\" or \"user_email\", \"role\"}", null, "member"));
			}
			refuseMemberLimits(fields);
			List<Map<String, @Nullable Object>> added = new ArrayList<>();
			return team(teamId).flatMap((team) -> Flux.fromIterable(members)
				.concatMap((member) -> ensureUser(member).flatMap((userId) -> this.rows
					.findAll(AdminTables.TEAM_MEMBERS, Map.of("team_id", teamId, "user_id", userId), 1, 0)
					.hasElements()
					.flatMap((exists) -> {
						if (exists) {
							return Mono.error(new BadRequestError(
									"User " + userId + " is already a member of team " + teamId, null, "member"));
						}
						Map<String, @Nullable Object> membership = membership(teamId, userId, member.role(),
								this.keys.now());
						added.add(KeyRows.publicView(membership));
						return this.rows.insert(AdminTables.TEAM_MEMBERS, membership)
							.doOnSuccess((done) -> this.invalidation.userChanged(userId));
					})))
				.then(withMembers(team))
				.flatMap((view) -> {
					view.put("updated_team_memberships", added);
					return AdminJson.ok(view);
				}));
		});
	}

	public Mono<ServerResponse> deleteMember(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/team/member_delete");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String teamId = fields.required("team_id");
			Mono<String> userId = (fields.string("user_id") != null) ? Mono.just(fields.string("user_id")) : this.rows
				.findFirst(AdminTables.USERS, "user_email", fields.required("user_email"))
				.map((user) -> (String) user.get("user_id"))
				.switchIfEmpty(Mono.error(() -> new NotFoundError("No user with that user_email", null, "user_email")));
			return team(teamId).then(userId)
				.flatMap((id) -> this.rows.database()
					.one((client) -> client.sql("DELETE FROM team_members WHERE team_id = :team AND user_id = :user")
						.bind("team", teamId)
						.bind("user", id)
						.fetch()
						.rowsUpdated())
					.flatMap((count) -> (count == 0)
							? Mono.error(new NotFoundError("User " + id + " is not a member of team " + teamId))
							: Mono.just(id)))
				.doOnSuccess(this.invalidation::userChanged)
				.then(team(teamId))
				.flatMap(this::withMembers)
				.flatMap(AdminJson::ok);
		});
	}

	/**
	 * {@code POST /team/member_update}: a member's role, by a proxy admin or an admin of
	 * the team. Answers LiteLLM's echo of the change.
	 */
	public Mono<ServerResponse> updateMember(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireWriter(caller, "/team/member_update");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String teamId = fields.required("team_id");
			refuseMemberLimits(fields);
			String role = fields.string("role");
			if (role != null && !role.equals("admin") && !role.equals("user")) {
				throw new BadRequestError("Member role must be 'admin' or 'user', got " + role, null, "role");
			}
			String userIdSent = fields.string("user_id");
			String emailSent = fields.string("user_email");
			if (userIdSent == null && emailSent == null) {
				throw new BadRequestError("Either user id or user email must be provided", null, "user_id");
			}
			// rights first, so that a caller cannot learn which teams exist
			return requireTeamAdmin(caller, teamId, "/team/member_update")
				.then(this.rows.find(AdminTables.TEAMS, teamId))
				.switchIfEmpty(Mono
					.error(() -> new BadRequestError("Team id=" + teamId + " does not exist in db", null, "team_id")))
				.then(memberId(teamId, userIdSent, emailSent))
				.flatMap((userId) -> {
					Mono<Long> changed = (role != null) ? this.rows.database()
						.one((client) -> client
							.sql("UPDATE team_members SET role = :role WHERE team_id = :team AND user_id = :user")
							.bind("role", role)
							.bind("team", teamId)
							.bind("user", userId)
							.fetch()
							.rowsUpdated()) : Mono.just(1L);
					return changed.doOnSuccess((count) -> this.invalidation.userChanged(userId)).then(Mono.defer(() -> {
						Map<String, @Nullable Object> answer = new LinkedHashMap<>();
						answer.put("user_id", userId);
						answer.put("user_email", emailSent);
						answer.put("team_id", teamId);
						answer.put("max_budget_in_team", null);
						answer.put("tpm_limit", null);
						answer.put("rpm_limit", null);
						return AdminJson.ok(answer);
					}));
				});
		});
	}

	/**
	 * {@code POST /team/model/add}: models added to a team's list. A team with no list
	 * (all models) gets {@code all-proxy-models} first, as LiteLLM does, so that adding a
	 * model never narrows what it could call.
	 */
	public Mono<ServerResponse> addModels(ServerRequest request) {
		return changeModels(request, "/team/model/add", (current, models) -> {
			List<String> result = new ArrayList<>(current.isEmpty() ? List.of("all-proxy-models") : current);
			models.stream().filter((model) -> !result.contains(model)).forEach(result::add);
			return result;
		});
	}

	/** {@code POST /team/model/delete}: models taken off a team's list. */
	public Mono<ServerResponse> deleteModels(ServerRequest request) {
		return changeModels(request, "/team/model/delete", (current, models) -> {
			List<String> left = current.stream().filter((model) -> !models.contains(model)).toList();
			if (left.isEmpty() && !current.isEmpty()) {
				// an empty list means every model: taking the last one off must not open
				// them all
				throw new BadRequestError(
						"Taking every model off the team would leave it an empty list, which allows "
								+ "every model. Send /team/update with the models it should have instead.",
						null, "models");
			}
			return left;
		});
	}

	private Mono<ServerResponse> changeModels(ServerRequest request, String route,
			java.util.function.BiFunction<List<String>, List<String>, List<String>> change) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, route);
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String teamId = fields.required("team_id");
			List<String> models = fields.requiredStrings("models");
			return team(teamId).flatMap((team) -> {
				List<String> current = new ArrayList<>();
				if (team.get("models") instanceof List<?> list) {
					list.forEach((model) -> current.add(String.valueOf(model)));
				}
				Map<String, @Nullable Object> changes = new LinkedHashMap<>();
				changes.put("models", change.apply(current, models));
				changes.put("updated_at", this.keys.now());
				team.putAll(changes);
				return withinOrganization(team.get("organization_id"), team.get("models"))
					.then(this.rows.update(AdminTables.TEAMS, teamId, changes))
					.doOnSuccess((count) -> this.invalidation.teamChanged(teamId))
					.then(withMembers(team))
					.flatMap(AdminJson::ok);
			});
		});
	}

	/**
	 * {@code GET /v2/team/list}: a page of teams ({@code page}, {@code page_size} up to
	 * 100, filters {@code team_id}, {@code team_alias} (a part of it, any case),
	 * {@code organization_id}, {@code user_id}; {@code sort_by} team_id, team_alias or
	 * created_at, {@code sort_order}), newest first by default. Anyone but an admin lists
	 * only the teams it is a member of.
	 */
	public Mono<ServerResponse> listPage(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		int page = (int) QueryParams.number(request, "page", 1, 1, 1_000_000);
		int pageSize = (int) QueryParams.number(request, "page_size", 10, 1, 100);
		String userId = request.queryParam("user_id").orElse(null);
		if (!caller.canReadAll()) {
			if (userId != null && !userId.equals(caller.userId())) {
				return Mono.error(new AuthenticationError(
						"Only admin users can query all teams/other teams. Your user role=" + caller.role()));
			}
			userId = caller.userId();
			if (userId == null) {
				return AdminJson.ok(AdminPaging.page("teams", List.of(), 0, page, pageSize));
			}
		}
		String sortBy = request.queryParam("sort_by")
			.filter((column) -> List.of("team_id", "team_alias", "created_at").contains(column))
			.orElse("created_at");
		boolean descending = request.queryParam("sort_order")
			.map((order) -> order.equalsIgnoreCase("desc"))
			.orElse(request.queryParam("sort_by").isEmpty());
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		Map<String, Object> binds = new LinkedHashMap<>();
		request.queryParam("team_id").ifPresent((id) -> {
			where.append(" AND t.team_id = :team_id");
			binds.put("team_id", id);
		});
		request.queryParam("organization_id").ifPresent((id) -> {
			where.append(" AND t.organization_id = :organization_id");
			binds.put("organization_id", id);
		});
		request.queryParam("team_alias").ifPresent((alias) -> {
			where.append(" AND LOWER(t.team_alias) LIKE :team_alias ESCAPE '\\'");
			binds.put("team_alias", "%" + QueryParams.likeEscaped(alias.toLowerCase(java.util.Locale.ROOT)) + "%");
		});
		if (userId != null) {
			where.append(" AND t.team_id IN (SELECT m.team_id FROM team_members m WHERE m.user_id = :user_id)");
			binds.put("user_id", userId);
		}
		String order = " ORDER BY t." + sortBy + (descending ? " DESC" : " ASC") + ", t.team_id";
		return this.rows
			.page("SELECT t.* FROM teams t" + where + order, "SELECT COUNT(*) AS total FROM teams t" + where, binds,
					pageSize, (long) (page - 1) * pageSize, AdminTables.TEAMS)
			.flatMap((result) -> Flux.fromIterable(result.rows())
				.concatMap(this::withMembers)
				.collectList()
				.flatMap((teams) -> AdminJson.ok(AdminPaging.page("teams", teams, result.total(), page, pageSize))));
	}

	/**
	 * A team of an organization that lists models may be given only those models (and not
	 * every model), as LiteLLM checks it; the organization must exist.
	 */
	private Mono<Void> withinOrganization(@Nullable Object organizationId, @Nullable Object teamModels) {
		if (organizationId == null) {
			return Mono.empty();
		}
		return this.rows.find(AdminTables.ORGANIZATIONS, organizationId)
			.switchIfEmpty(
					Mono.error(() -> new BadRequestError("Organization not found for organization_id=" + organizationId,
							null, "organization_id")))
			.flatMap((organization) -> {
				List<?> allowed = (organization.get("models") instanceof List<?> list) ? list : List.of();
				List<?> asked = (teamModels instanceof List<?> list) ? list : List.of();
				if (allowed.isEmpty()) {
					return Mono.empty();
				}
				if (asked.isEmpty()) {
					return Mono.error(new BadRequestError("Organization " + organizationId + " allows only the models "
							+ allowed + ": list the team's models among them", null, "models"));
				}
				List<?> outside = asked.stream().filter((model) -> !allowed.contains(model)).toList();
				return outside.isEmpty() ? Mono.empty() : Mono.error(new BadRequestError(
						"Models " + outside + " are not among organization " + organizationId + "'s models " + allowed,
						null, "models"));
			});
	}

	/** Proxy admins, and admins of the team, may change its members. */
	private Mono<Void> requireTeamAdmin(CallerIdentity caller, String teamId, String route) {
		if (caller.isAdmin()) {
			return Mono.empty();
		}
		return this.access.teamRole(caller, teamId)
			.flatMap((role) -> role.filter("admin"::equals).isPresent() ? Mono.<Void>empty() : Mono
				.error(new PermissionDeniedError(
						"Call not allowed. User not proxy admin OR team admin. route=" + route + ", team_id=" + teamId,
						null, "team_id")));
	}

	/** The user id of a member named by id or e-mail; a 404 when it is not a member. */
	private Mono<String> memberId(String teamId, @Nullable String userId, @Nullable String email) {
		Mono<String> id = (userId != null) ? Mono.just(userId) : this.rows
			.findFirst(AdminTables.USERS, "user_email", email)
			.map((user) -> (String) user.get("user_id"))
			.switchIfEmpty(Mono.error(() -> new NotFoundError("No user with user_email=" + email, null, "user_email")));
		return id.flatMap((member) -> this.rows
			.findAll(AdminTables.TEAM_MEMBERS, Map.of("team_id", teamId, "user_id", member), 1, 0)
			.hasElements()
			.flatMap((exists) -> exists ? Mono.just(member) : Mono
				.error(new NotFoundError("User " + member + " is not a member of team " + teamId, null, "user_id"))));
	}

	/**
	 * A member's own budget and limits in a team are not enforced by the gateway yet:
	 * refused by name rather than stored and ignored.
	 */
	private static void refuseMemberLimits(RequestFields fields) {
		fields.refuseAny(List.of("max_budget_in_team", "tpm_limit", "rpm_limit"),
				(field) -> field + " for a team member is not supported by this gateway: a member's own budget and "
						+ "limits in a team are not enforced. Set them on the member's keys or user.");
	}

	public Mono<ServerResponse> block(ServerRequest request) {
		return setBlocked(request, true, "/team/block");
	}

	public Mono<ServerResponse> unblock(ServerRequest request) {
		return setBlocked(request, false, "/team/unblock");
	}

	private Mono<ServerResponse> setBlocked(ServerRequest request, boolean blocked, String route) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, route);
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			String teamId = new RequestFields(body).required("team_id");
			return team(teamId).flatMap((team) -> {
				Map<String, @Nullable Object> changes = new LinkedHashMap<>();
				changes.put("blocked", blocked);
				changes.put("updated_at", this.keys.now());
				team.putAll(changes);
				return this.rows.update(AdminTables.TEAMS, teamId, changes)
					.doOnSuccess((count) -> this.invalidation.teamChanged(teamId))
					.then(withMembers(team))
					.flatMap(AdminJson::ok);
			});
		});
	}

	private Mono<Map<String, @Nullable Object>> team(String teamId) {
		return this.rows.find(AdminTables.TEAMS, teamId)
			.switchIfEmpty(
					Mono.error(() -> new NotFoundError("Team not found, passed team_id=" + teamId, null, "team_id")));
	}

	/** The team row as LiteLLM shows it, with members_with_roles. */
	private Mono<Map<String, @Nullable Object>> withMembers(Map<String, @Nullable Object> team) {
		return this.rows.findAll(AdminTables.TEAM_MEMBERS, Map.of("team_id", team.get("team_id")), 1000, 0)
			.map((membership) -> {
				Map<String, @Nullable Object> member = new LinkedHashMap<>();
				member.put("user_id", membership.get("user_id"));
				member.put("role", membership.get("role"));
				return member;
			})
			.collectList()
			.map((members) -> {
				Map<String, @Nullable Object> view = KeyRows.publicView(team);
				view.put("members_with_roles", members);
				return view;
			});
	}

	/**
	 * The user id of a member, creating the user (internal_user) when it does not exist
	 * yet, as LiteLLM does.
	 */
	private Mono<String> ensureUser(Member member) {
		return MemberUsers.findOrCreate(this.rows, this.keys, member.userId(), member.userEmail())
			.map((user) -> String.valueOf(user.get("user_id")));
	}

	private Map<String, @Nullable Object> changes(RequestFields fields) {
		Map<String, @Nullable Object> team = new LinkedHashMap<>();
		for (String field : List.of("team_alias", "organization_id")) {
			if (fields.has(field)) {
				team.put(field, fields.string(field));
			}
		}
		if (fields.has("models")) {
			team.put("models", fields.strings("models"));
		}
		if (fields.has("model_aliases")) {
			team.put("model_aliases", fields.map("model_aliases"));
		}
		Double maxBudget = fields.budget("max_budget");
		Double softBudget = fields.budget("soft_budget");
		if (maxBudget != null && softBudget != null && softBudget >= maxBudget) {
			throw new BadRequestError("soft_budget must be lower than max_budget", null, "soft_budget");
		}
		if (fields.has("max_budget")) {
			team.put("max_budget", maxBudget);
		}
		if (fields.has("soft_budget")) {
			team.put("soft_budget", softBudget);
		}
		if (fields.has("budget_duration")) {
			BudgetDuration period = fields.duration("budget_duration");
			team.put("budget_duration", (period != null) ? period.toString() : null);
			team.put("budget_reset_at",
					(period != null) ? period.addTo(this.keys.now().toZonedDateTime()).toOffsetDateTime() : null);
		}
		if (fields.has("model_max_budget")) {
			team.put("model_max_budget", fields.map("model_max_budget"));
		}
		if (fields.has("tpm_limit")) {
			team.put("tpm_limit", fields.limit("tpm_limit"));
		}
		if (fields.has("rpm_limit")) {
			team.put("rpm_limit", fields.limit("rpm_limit"));
		}
		if (fields.has("max_parallel_requests")) {
			Long parallel = fields.limit("max_parallel_requests");
			team.put("max_parallel_requests", (parallel != null) ? parallel.intValue() : null);
		}
		if (fields.has("blocked")) {
			team.put("blocked", Boolean.TRUE.equals(fields.bool("blocked")));
		}
		if (fields.has("metadata")) {
			team.put("metadata", fields.map("metadata"));
		}
		return team;
	}

	/**
	 * A team's {@code guardrails} live in its metadata, as LiteLLM keeps them: added to
	 * the metadata the request gives, else to the team's own.
	 */
	private static Map<String, @Nullable Object> withGuardrails(Map<String, @Nullable Object> changes,
			RequestFields fields, @Nullable Object existingMetadata) {
		if (!fields.has("guardrails")) {
			return changes;
		}
		List<String> guardrails = fields.strings("guardrails");
		Object base = changes.containsKey("metadata") ? changes.get("metadata") : existingMetadata;
		Map<String, Object> metadata = new LinkedHashMap<>();
		if (base instanceof Map<?, ?> map) {
			map.forEach((key, value) -> metadata.put(String.valueOf(key), value));
		}
		metadata.put("guardrails", (guardrails != null) ? guardrails : List.of());
		changes.put("metadata", metadata);
		return changes;
	}

	static Map<String, @Nullable Object> membership(String teamId, String userId, String role, OffsetDateTime now) {
		Map<String, @Nullable Object> membership = new LinkedHashMap<>();
		membership.put("team_id", teamId);
		membership.put("user_id", userId);
		membership.put("role", role);
		membership.put("spend", 0.0);
		membership.put("created_at", now);
		return membership;
	}

	private static List<Member> members(@Nullable Object raw, String field) {
		List<Member> members = new ArrayList<>();
		if (raw == null) {
			return members;
		}
		if (!(raw instanceof List<?> list)) {
			throw new BadRequestError("Invalid value for " + field + ": expected a list of members", null, field);
		}
		for (Object item : list) {
			if (!(item instanceof Map<?, ?> map)) {
				throw new BadRequestError("Invalid value for " + field + ": each member is an object", null, field);
			}
			Object userId = map.get("user_id");
			Object email = map.get("user_email");
			if (userId == null && email == null) {
				throw new BadRequestError("Each member needs user_id or user_email", null, field);
			}
			Object role = map.get("role");
			String roleText = (role != null) ? role.toString() : "user";
			if (!roleText.equals("user") && !roleText.equals("admin")) {
				throw new BadRequestError("Member role must be 'admin' or 'user', got " + roleText, null, field);
			}
			members.add(new Member((userId != null) ? userId.toString() : null,
					(email != null) ? email.toString() : null, roleText));
		}
		return members;
	}

	/** A team member as requests name it. */
	private record Member(@Nullable String userId, @Nullable String userEmail, String role) {

	}

}
