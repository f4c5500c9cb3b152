package dev.llmgw.gateway.admin.organizations;

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
import dev.llmgw.gateway.admin.store.KeyStore;
import dev.llmgw.gateway.admin.store.OrganizationMemberRow;
import dev.llmgw.gateway.admin.store.OrganizationRow;
import dev.llmgw.gateway.admin.store.OrganizationStore;
import dev.llmgw.gateway.admin.store.TeamStore;
import dev.llmgw.gateway.admin.store.UserRow;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.ids.Ids;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * LiteLLM's {@code /organization/*}: organizations group teams and users, and their
 * {@code models} bound what their teams may be given (the teams' routes check it). Admins
 * manage them; admins and admin viewers read them all, members read their own. What an
 * organization may hold: {@link OrganizationRules}. An organization that still has teams
 * or keys cannot be deleted (LiteLLM deletes them with it).
 */
public final class OrganizationEndpoints {

	private final OrganizationStore organizations;

	private final TeamStore teams;

	private final KeyStore keys;

	private final UserStore users;

	private final OrganizationRules rules;

	private final AdminClock clock;

	private final KeyInvalidation invalidation;

	private final JsonBodyReader bodies;

	OrganizationEndpoints(OrganizationStore organizations, TeamStore teams, KeyStore keys, UserStore users,
			AdminClock clock, KeyInvalidation invalidation, JsonBodyReader bodies) {
		this.organizations = organizations;
		this.teams = teams;
		this.keys = keys;
		this.users = users;
		this.rules = new OrganizationRules(organizations, teams);
		this.clock = clock;
		this.invalidation = invalidation;
		this.bodies = bodies;
	}

	public Mono<ServerResponse> create(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/organization/new");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			OrganizationRules.refuseNotEnforced(fields);
			String alias = fields.string("organization_alias");
			if (alias == null || alias.isBlank()) {
				throw new BadRequestError("organization_alias is required", null, "organization_alias");
			}
			String id = (fields.string("organization_id") != null) ? fields.string("organization_id") : Ids.uuid();
			List<String> models = fields.strings("models");
			Map<String, Object> metadata = fields.map("metadata");
			String actor = AdminAccess.actor(caller);
			OrganizationRow organization = new OrganizationRow(id, alias, (models != null) ? models : List.of(),
					(metadata != null) ? metadata : Map.of(), 0.0, this.clock.now(), actor, this.clock.now(), actor);
			return this.organizations.find(id)
				.flatMap((existing) -> Mono.<Void>error(new BadRequestError(
						"Organization id = " + id + " already exists. Please use a different organization id.", null,
						"organization_id")))
				.then(this.organizations.insert(organization))
				.then(Mono.defer(() -> {
					Map<String, @Nullable Object> view = AdminViews.publicView(organization);
					view.put("litellm_budget_table", null);
					return AdminJson.ok(view);
				}));
		});
	}

	/**
	 * {@code PATCH} (or {@code POST}) {@code /organization/update}; metadata is merged.
	 */
	public Mono<ServerResponse> update(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/organization/update");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			OrganizationRules.refuseNotEnforced(fields);
			String id = fields.required("organization_id");
			return organization(id).flatMap((organization) -> {
				Map<String, @Nullable Object> changes = new LinkedHashMap<>();
				if (fields.has("organization_alias")) {
					String alias = fields.string("organization_alias");
					if (alias == null || alias.isBlank()) {
						throw new BadRequestError("organization_alias cannot be empty", null, "organization_alias");
					}
					changes.put("organization_alias", alias);
				}
				List<String> models = null;
				if (fields.has("models")) {
					models = fields.strings("models");
					changes.put("models", (models != null) ? models : List.of());
				}
				if (fields.has("metadata")) {
					Map<String, Object> merged = new LinkedHashMap<>(organization.metadata());
					Map<String, Object> sent = fields.map("metadata");
					if (sent != null) {
						merged.putAll(sent);
					}
					changes.put("metadata", merged);
				}
				changes.put("updated_at", this.clock.now());
				changes.put("updated_by", AdminAccess.actor(caller));
				return this.rules.teamsWithin(id, models)
					.then(this.organizations.update(id, changes))
					.then(view(organization.with(changes)))
					.flatMap(AdminJson::ok);
			});
		});
	}

	/**
	 * {@code DELETE} (or {@code POST}) {@code /organization/delete {"organization_ids"}}.
	 */
	public Mono<ServerResponse> delete(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/organization/delete");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			List<String> ids = new RequestFields(body).requiredStrings("organization_ids");
			return Flux.fromIterable(ids)
				.concatMap((id) -> organization(id)
					.flatMap((organization) -> this.teams.count(Map.of("organization_id", id))
						.zipWith(this.keys.countOfOrganization(id))
						.flatMap((held) -> (held.getT1() + held.getT2() > 0) ? Mono.error(new BadRequestError(
								"Organization=" + id + " still has " + held.getT1() + " teams and " + held.getT2()
										+ " keys: delete or move them first (LiteLLM would delete them with it)",
								null, "organization_ids")) : view(organization))))
				.collectList()
				// checked again inside the deleting transaction, so that a team or key
				// attached in between is not left naming an organization that is gone
				.flatMap((deleted) -> this.organizations
					.deleteEmpty(ids,
							(id) -> new BadRequestError("Organization=" + id
									+ " gained teams or keys while it was being deleted: delete or move them first",
									null, "organization_ids"))
					.then(AdminJson.ok(deleted)));
		});
	}

	/** {@code GET /organization/info?organization_id=}. */
	public Mono<ServerResponse> info(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		String id = request.queryParam("organization_id")
			.orElseThrow(() -> new BadRequestError("Pass the organization: /organization/info?organization_id=...",
					null, "organization_id"));
		return this.rules.readable(caller, id)
			.then(organization(id))
			.flatMap((organization) -> view(organization, caller.canReadAll()))
			.flatMap(AdminJson::ok);
	}

	/** LiteLLM's older {@code POST /organization/info {"organizations": [ids]}}. */
	public Mono<ServerResponse> infoMany(ServerRequest request) {
		AdminAccess.requireReadAll(AdminAccess.caller(request.exchange()), "/organization/info");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			List<String> ids = new RequestFields(body).strings("organizations");
			if (ids == null || ids.isEmpty()) {
				throw new BadRequestError("Specify list of organization id's to query. Passed in=[]", null,
						"organizations");
			}
			return Flux.fromIterable(ids.subList(0, Math.min(ids.size(), 1000)))
				.concatMap(this.organizations::find)
				.concatMap(this::view)
				.collectList()
				.flatMap(AdminJson::ok);
		});
	}

	/**
	 * {@code GET /organization/list?org_id=&org_alias=}: admins and admin viewers see
	 * every organization, anyone else those it is a member of.
	 */
	public Mono<ServerResponse> list(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		Flux<OrganizationRow> organizations;
		if (caller.canReadAll()) {
			organizations = this.organizations.findAll(Map.of(), 1000, 0);
		}
		else if (caller.userId() != null) {
			organizations = this.organizations.memberships(caller.userId(), 10_000)
				.concatMap((membership) -> this.organizations.find(String.valueOf(membership.organizationId())));
		}
		else {
			organizations = Flux.empty();
		}
		String id = request.queryParam("org_id").orElse(null);
		String alias = request.queryParam("org_alias").map((text) -> text.toLowerCase(Locale.ROOT)).orElse(null);
		return organizations.filter((organization) -> id == null || id.equals(organization.organizationId()))
			.filter((organization) -> alias == null
					|| String.valueOf(organization.organizationAlias()).toLowerCase(Locale.ROOT).contains(alias))
			.concatMap((organization) -> view(organization, caller.canReadAll()))
			.collectList()
			.flatMap(AdminJson::ok);
	}

	public Mono<ServerResponse> addMember(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/organization/member_add");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String id = fields.required("organization_id");
			OrganizationRules.refuseMemberBudget(fields);
			Object raw = fields.raw("member");
			List<Map<?, ?>> members = new ArrayList<>();
			for (Object item : (raw instanceof List<?> list) ? list : (raw != null) ? List.of(raw) : List.of()) {
				if (!(item instanceof Map<?, ?> member)) {
					throw new BadRequestError("Each member is an object: {\"user_id\" or \"user_email\", \"role\"}",
							null, "member");
				}
				members.add(member);
			}
			if (members.isEmpty()) {
				throw new BadRequestError("Send member: {\"user_id\" or \"user_email\", \"role\"}", null, "member");
			}
			List<Map<String, @Nullable Object>> users = new ArrayList<>();
			List<Map<String, @Nullable Object>> memberships = new ArrayList<>();
			return organization(id).thenMany(Flux.fromIterable(members)).concatMap((member) -> {
				String role = OrganizationRules.role(
						(member.get("role") != null) ? String.valueOf(member.get("role")) : "internal_user", "member");
				Object userId = member.get("user_id");
				Object email = member.get("user_email");
				if (userId == null && email == null) {
					return Mono.error(new BadRequestError("Each member needs user_id or user_email", null, "member"));
				}
				return this.users
					.findOrCreateMember((userId != null) ? userId.toString() : null,
							(email != null) ? email.toString() : null, this.clock.now())
					.flatMap((user) -> addMember(id, user, role, users, memberships));
			}).then(Mono.defer(() -> {
				Map<String, @Nullable Object> answer = new LinkedHashMap<>();
				answer.put("organization_id", id);
				answer.put("updated_users", users);
				answer.put("updated_organization_memberships", memberships);
				return AdminJson.ok(answer);
			}));
		});
	}

	private Mono<Void> addMember(String id, UserRow user, String role, List<Map<String, @Nullable Object>> users,
			List<Map<String, @Nullable Object>> memberships) {
		String memberId = String.valueOf(user.userId());
		return this.organizations.membership(id, memberId).hasElement().flatMap((exists) -> {
			if (exists) {
				return Mono.error(new BadRequestError("User " + memberId + " is already a member of organization " + id,
						null, "member"));
			}
			OrganizationMemberRow membership = new OrganizationMemberRow(id, memberId, role, 0.0, this.clock.now(),
					this.clock.now());
			users.add(AdminViews.publicView(user));
			memberships.add(AdminViews.publicView(membership));
			return this.organizations.addMember(membership)
				.doOnSuccess((done) -> this.invalidation.userChanged(memberId));
		});
	}

	/**
	 * {@code PATCH} (or {@code POST}) {@code /organization/member_update}: a member's
	 * role.
	 */
	public Mono<ServerResponse> updateMember(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/organization/member_update");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String id = fields.required("organization_id");
			OrganizationRules.refuseMemberBudget(fields);
			String role = (fields.string("role") != null) ? OrganizationRules.role(fields.string("role"), "role")
					: null;
			return this.organizations.find(id)
				.switchIfEmpty(Mono.error(() -> new BadRequestError("Organization not found for organization_id=" + id,
						null, "organization_id")))
				.then(membership(id, fields))
				.flatMap((membership) -> {
					if (role == null) {
						return AdminJson.ok(AdminViews.publicView(membership));
					}
					Map<String, @Nullable Object> changes = new LinkedHashMap<>();
					changes.put("user_role", role);
					changes.put("updated_at", this.clock.now());
					return this.organizations
						.setMemberRole(id, String.valueOf(membership.userId()), role, this.clock.now())
						.then(AdminJson.ok(AdminViews.publicView(membership.with(changes))));
				});
		});
	}

	/** {@code DELETE} (or {@code POST}) {@code /organization/member_delete}. */
	public Mono<ServerResponse> deleteMember(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/organization/member_delete");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String id = fields.required("organization_id");
			return organization(id).then(membership(id, fields)).flatMap((membership) -> {
				String userId = String.valueOf(membership.userId());
				return this.organizations.deleteMember(id, userId)
					.doOnSuccess((count) -> this.invalidation.userChanged(userId))
					.then(AdminJson.ok(AdminViews.publicView(membership)));
			});
		});
	}

	private Mono<OrganizationRow> organization(String id) {
		return this.organizations.find(id)
			.switchIfEmpty(Mono.error(() -> new NotFoundError("Organization not found for organization_id=" + id, null,
					"organization_id")));
	}

	/** The member a request names by user_id or user_email; a 404 when it is not one. */
	private Mono<OrganizationMemberRow> membership(String id, RequestFields fields) {
		String userId = fields.string("user_id");
		String email = fields.string("user_email");
		if (userId == null && email == null) {
			return Mono.error(new BadRequestError("Either user id or user email must be provided", null, "user_id"));
		}
		return this.users.find(userId, email)
			.flatMap((user) -> this.organizations.membership(id, String.valueOf(user.userId())))
			.switchIfEmpty(Mono.error(() -> new NotFoundError(
					"Member not found in organization for user_id=" + ((userId != null) ? userId : email), null,
					"user_id")));
	}

	/** An organization with its members and teams, as LiteLLM shows one to an admin. */
	private Mono<Map<String, @Nullable Object>> view(OrganizationRow organization) {
		return view(organization, true);
	}

	/**
	 * @param full whether the caller may read every team and user: a member sees the
	 * teams' ids and aliases and the members' ids and roles, not their budgets, spend or
	 * metadata (which {@code /team/info} shows only to a team's members)
	 */
	private Mono<Map<String, @Nullable Object>> view(OrganizationRow organization, boolean full) {
		String id = String.valueOf(organization.organizationId());
		return this.organizations.members(id, 1000)
			.map((member) -> full ? AdminViews.publicView(member)
					: only("user_id", member.userId(), "user_role", member.userRole()))
			.collectList()
			.zipWith(this.teams.ofOrganization(id, 1000)
				.map((team) -> full ? AdminViews.publicView(team)
						: only("team_id", team.teamId(), "team_alias", team.teamAlias()))
				.collectList())
			.map((related) -> {
				Map<String, @Nullable Object> view = AdminViews.publicView(organization);
				view.put("litellm_budget_table", null);
				view.put("members", related.getT1());
				view.put("teams", related.getT2());
				return view;
			});
	}

	private static Map<String, @Nullable Object> only(String name, @Nullable Object value, String otherName,
			@Nullable Object other) {
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		view.put(name, value);
		view.put(otherName, other);
		return view;
	}

}
