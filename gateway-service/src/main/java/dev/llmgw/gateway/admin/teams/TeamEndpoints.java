package dev.llmgw.gateway.admin.teams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import dev.llmgw.gateway.admin.AdminAccess;
import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.AdminJson;
import dev.llmgw.gateway.admin.AdminPaging;
import dev.llmgw.gateway.admin.AdminViews;
import dev.llmgw.gateway.admin.RequestFields;
import dev.llmgw.gateway.admin.store.KeyStore;
import dev.llmgw.gateway.admin.store.TeamMemberRow;
import dev.llmgw.gateway.admin.store.TeamRow;
import dev.llmgw.gateway.admin.store.TeamStore;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.PermissionDeniedError;
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
 * What a team may hold: {@link TeamRules}.
 */
public final class TeamEndpoints {

	private final TeamStore teams;

	private final KeyStore keys;

	private final UserStore users;

	private final TeamRules rules;

	private final AdminClock clock;

	private final KeyInvalidation invalidation;

	private final JsonBodyReader bodies;

	TeamEndpoints(TeamStore teams, KeyStore keys, UserStore users, TeamRules rules, AdminClock clock,
			KeyInvalidation invalidation, JsonBodyReader bodies) {
		this.teams = teams;
		this.keys = keys;
		this.users = users;
		this.rules = rules;
		this.clock = clock;
		this.invalidation = invalidation;
		this.bodies = bodies;
	}

	public Mono<ServerResponse> create(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/team/new");
		return this.bodies.readObject(request.exchange()).map(this.rules::withDefaults).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String teamId = (fields.string("team_id") != null) ? fields.string("team_id") : Ids.uuid();
			Map<String, @Nullable Object> columns = new LinkedHashMap<>();
			columns.put("team_id", teamId);
			columns.put("spend", 0.0);
			columns.put("blocked", false);
			columns.putAll(this.rules.changes(fields, null));
			columns.put("created_at", this.clock.now());
			columns.put("updated_at", this.clock.now());
			TeamRow team = TeamRow.from(columns);
			List<TeamRules.Member> members = TeamRules.members(fields.raw("members_with_roles"), "members_with_roles");
			return this.teams.find(teamId)
				.flatMap((existing) -> Mono.<TeamRow>error(new BadRequestError(
						"Team id = " + teamId + " already exists. Please use a different team id.", null, "team_id")))
				.then(this.rules.withinOrganization(team.organizationId(), team.models()))
				.then(this.teams.database()
					.inTransaction((client) -> this.teams.insert(client, team)
						.then(Flux.fromIterable(members)
							.concatMap((member) -> ensureUser(member).flatMap((userId) -> this.teams.addMember(client,
									new TeamMemberRow(teamId, userId, member.role(), 0.0, null, this.clock.now()))))
							.then())
						.thenReturn(team)))
				.flatMap(this::withMembers)
				.flatMap(AdminJson::ok);
		});
	}

	public Mono<ServerResponse> info(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		String teamId = request.queryParam("team_id").orElse(caller.teamId());
		if (teamId == null) {
			return Mono.error(new BadRequestError("Pass the team to look up: /team/info?team_id=...", null, "team_id"));
		}
		return team(teamId).flatMap((team) -> this.teams.role(teamId, caller.userId()).flatMap((role) -> {
			if (!caller.canReadAll() && role.isEmpty() && !teamId.equals(caller.teamId())) {
				return Mono.error(new PermissionDeniedError("You can only view teams you belong to", null, "team_id"));
			}
			// a plain member sees its own keys of the team, not the other members' keys
			// and their spend; team admins and proxy admins (and their viewers) see them
			// all
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
				.zipWith(this.keys.findAll(keysWhere, 1000, 0).map(AdminViews::publicView).collectList())
				.zipWith(this.teams.members(teamId, 1000).map(AdminViews::publicView).collectList())
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
				Map<String, @Nullable Object> changes = this.rules.changes(fields, team.metadata());
				changes.put("updated_at", this.clock.now());
				TeamRow updated = team.with(changes);
				Mono<Void> checked = (changes.containsKey("organization_id") || changes.containsKey("models"))
						? this.rules.withinOrganization(updated.organizationId(), updated.models()) : Mono.empty();
				return checked.then(this.teams.update(teamId, changes))
					.doOnSuccess((count) -> this.invalidation.teamChanged(teamId))
					.then(withMembers(updated))
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
					.concatMap((teamId) -> this.teams.deleteWithKeys(teamId)
						.doOnSuccess((count) -> this.invalidation.teamChanged(teamId)))
					.then())
				.then(AdminJson.ok(Map.of("deleted_teams", teamIds)));
		});
	}

	public Mono<ServerResponse> list(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		Flux<TeamRow> teams;
		String userId = request.queryParam("user_id").orElse(null);
		if (!caller.canReadAll()) {
			userId = caller.userId();
			if (userId == null) {
				return AdminJson.ok(List.of());
			}
		}
		if (userId != null) {
			teams = this.teams.memberships(userId, 1000)
				.concatMap((membership) -> this.teams.find(String.valueOf(membership.teamId())));
		}
		else {
			teams = this.teams.findAll(Map.of(), 1000, 0);
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
			List<TeamRules.Member> members = TeamRules.members((raw instanceof Map) ? List.of(raw) : raw, "member");
			if (members.isEmpty()) {
				return Mono.error(
						new BadRequestError("Send member: {\"user_id\" or \"user_email\", \"role\"}", null, "member"));
			}
			TeamRules.refuseMemberLimits(fields);
			List<Map<String, @Nullable Object>> added = new ArrayList<>();
			return team(teamId).flatMap((team) -> Flux.fromIterable(members)
				.concatMap((member) -> ensureUser(member)
					.flatMap((userId) -> this.teams.membership(teamId, userId).hasElement().flatMap((exists) -> {
						if (exists) {
							return Mono.error(new BadRequestError(
									"User " + userId + " is already a member of team " + teamId, null, "member"));
						}
						TeamMemberRow membership = new TeamMemberRow(teamId, userId, member.role(), 0.0, null,
								this.clock.now());
						added.add(AdminViews.publicView(membership));
						return this.teams.addMember(membership)
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
			Mono<String> userId = (fields.string("user_id") != null) ? Mono.just(fields.string("user_id")) : this.users
				.find(null, fields.required("user_email"))
				.map((user) -> String.valueOf(user.userId()))
				.switchIfEmpty(Mono.error(() -> new NotFoundError("No user with that user_email", null, "user_email")));
			return team(teamId).then(userId)
				.flatMap((id) -> this.teams.deleteMember(teamId, id)
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
			TeamRules.refuseMemberLimits(fields);
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
			return this.rules.requireTeamAdmin(caller, teamId, "/team/member_update")
				.then(this.teams.find(teamId))
				.switchIfEmpty(Mono
					.error(() -> new BadRequestError("Team id=" + teamId + " does not exist in db", null, "team_id")))
				.then(memberId(teamId, userIdSent, emailSent))
				.flatMap((userId) -> {
					Mono<Long> changed = (role != null) ? this.teams.setMemberRole(teamId, userId, role)
							: Mono.just(1L);
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
			BiFunction<List<String>, List<String>, List<String>> change) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, route);
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String teamId = fields.required("team_id");
			List<String> models = fields.requiredStrings("models");
			return team(teamId).flatMap((team) -> {
				List<String> current = team.models();
				Map<String, @Nullable Object> changes = new LinkedHashMap<>();
				changes.put("models", change.apply(current, models));
				changes.put("updated_at", this.clock.now());
				TeamRow updated = team.with(changes);
				return this.rules.withinOrganization(updated.organizationId(), updated.models())
					.then(this.teams.update(teamId, changes))
					.doOnSuccess((count) -> this.invalidation.teamChanged(teamId))
					.then(withMembers(updated))
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
			binds.put("team_alias", "%" + QueryParams.likeEscaped(alias.toLowerCase(Locale.ROOT)) + "%");
		});
		if (userId != null) {
			where.append(" AND t.team_id IN (SELECT m.team_id FROM team_members m WHERE m.user_id = :user_id)");
			binds.put("user_id", userId);
		}
		String order = " ORDER BY t." + sortBy + (descending ? " DESC" : " ASC") + ", t.team_id";
		return this.teams
			.page("SELECT t.* FROM teams t" + where + order, "SELECT COUNT(*) AS total FROM teams t" + where, binds,
					pageSize, (long) (page - 1) * pageSize)
			.flatMap((result) -> Flux.fromIterable(result.rows())
				.concatMap(this::withMembers)
				.collectList()
				.flatMap((teams) -> AdminJson.ok(AdminPaging.page("teams", teams, result.total(), page, pageSize))));
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
				changes.put("updated_at", this.clock.now());
				return this.teams.update(teamId, changes)
					.doOnSuccess((count) -> this.invalidation.teamChanged(teamId))
					.then(withMembers(team.with(changes)))
					.flatMap(AdminJson::ok);
			});
		});
	}

	/** The user id of a member named by id or e-mail; a 404 when it is not a member. */
	private Mono<String> memberId(String teamId, @Nullable String userId, @Nullable String email) {
		Mono<String> id = (userId != null) ? Mono.just(userId) : this.users.find(null, email)
			.map((user) -> String.valueOf(user.userId()))
			.switchIfEmpty(Mono.error(() -> new NotFoundError("No user with user_email=" + email, null, "user_email")));
		return id.flatMap((member) -> this.teams.membership(teamId, member)
			.hasElement()
			.flatMap((exists) -> exists ? Mono.just(member) : Mono
				.error(new NotFoundError("User " + member + " is not a member of team " + teamId, null, "user_id"))));
	}

	private Mono<TeamRow> team(String teamId) {
		return this.teams.find(teamId)
			.switchIfEmpty(
					Mono.error(() -> new NotFoundError("Team not found, passed team_id=" + teamId, null, "team_id")));
	}

	/** The team row as LiteLLM shows it, with members_with_roles. */
	private Mono<Map<String, @Nullable Object>> withMembers(TeamRow team) {
		return this.teams.members(String.valueOf(team.teamId()), 1000).map((membership) -> {
			Map<String, @Nullable Object> member = new LinkedHashMap<>();
			member.put("user_id", membership.userId());
			member.put("role", membership.role());
			return member;
		}).collectList().map((members) -> {
			Map<String, @Nullable Object> view = AdminViews.publicView(team);
			view.put("members_with_roles", members);
			return view;
		});
	}

	/**
	 * The user id of a member, creating the user (internal_user) when it does not exist
	 * yet, as LiteLLM does.
	 */
	private Mono<String> ensureUser(TeamRules.Member member) {
		return this.users.findOrCreateMember(member.userId(), member.userEmail(), this.clock.now())
			.map((user) -> String.valueOf(user.userId()));
	}

}
