package dev.llmgw.gateway.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.ids.Ids;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * LiteLLM's {@code /organization/*}: organizations group teams and users, and their
 * {@code models} bound what their teams may be given ({@link TeamEndpoints} checks it).
 * Admins manage them; admins and admin viewers read them all, members read their own.
 * What the gateway does not enforce for an organization (its budget and limits,
 * per-member budgets) is refused by name, and an organization that still has teams or
 * keys cannot be deleted (LiteLLM deletes them with it).
 */
public final class OrganizationEndpoints {

	static final Set<String> ROLES = Set.of("org_admin", "internal_user", "internal_user_viewer");

	private static final List<String> NOT_ENFORCED = List.of("budget_id", "max_budget", "soft_budget", "tpm_limit",
			"rpm_limit", "max_parallel_requests", "budget_duration", "model_max_budget", "model_rpm_limit",
			"model_tpm_limit", "litellm_budget_table");

	private final RowStore rows;

	private final KeyRows keys;

	private final KeyInvalidation invalidation;

	private final JsonBodyReader bodies;

	OrganizationEndpoints(RowStore rows, KeyRows keys, KeyInvalidation invalidation, JsonBodyReader bodies) {
		this.rows = rows;
		this.keys = keys;
		this.invalidation = invalidation;
		this.bodies = bodies;
	}

	public Mono<ServerResponse> create(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/organization/new");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			refuseNotEnforced(fields);
			String alias = fields.string("organization_alias");
			if (alias == null || alias.isBlank()) {
				throw new BadRequestError("organization_alias is required", null, "organization_alias");
			}
			String id = (fields.string("organization_id") != null) ? fields.string("organization_id") : Ids.uuid();
			Map<String, @Nullable Object> organization = new LinkedHashMap<>();
			organization.put("organization_id", id);
			organization.put("organization_alias", alias);
			List<String> models = fields.strings("models");
			organization.put("models", (models != null) ? models : List.of());
			Map<String, Object> metadata = fields.map("metadata");
			organization.put("metadata", (metadata != null) ? metadata : Map.of());
			organization.put("spend", 0.0);
			organization.put("created_at", this.keys.now());
			organization.put("created_by", AdminAccess.actor(caller));
			organization.put("updated_at", this.keys.now());
			organization.put("updated_by", AdminAccess.actor(caller));
			return this.rows.find(AdminTables.ORGANIZATIONS, id)
				.flatMap((existing) -> Mono.<Void>error(new BadRequestError(
						"Organization id = " + id + " already exists. Please use a different organization id.", null,
						"organization_id")))
				.then(this.rows.insert(AdminTables.ORGANIZATIONS, organization))
				.then(Mono.defer(() -> {
					Map<String, @Nullable Object> view = KeyRows.publicView(organization);
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
			refuseNotEnforced(fields);
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
				if (fields.has("models")) {
					List<String> models = fields.strings("models");
					changes.put("models", (models != null) ? models : List.of());
				}
				if (fields.has("metadata")) {
					Map<String, Object> merged = new LinkedHashMap<>();
					if (organization.get("metadata") instanceof Map<?, ?> old) {
						old.forEach((key, value) -> merged.put(String.valueOf(key), value));
					}
					Map<String, Object> sent = fields.map("metadata");
					if (sent != null) {
						merged.putAll(sent);
					}
					changes.put("metadata", merged);
				}
				changes.put("updated_at", this.keys.now());
				changes.put("updated_by", AdminAccess.actor(caller));
				organization.putAll(changes);
				return teamsWithin(id, changes.get("models"))
					.then(this.rows.update(AdminTables.ORGANIZATIONS, id, changes))
					.then(view(organization))
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
					.flatMap((organization) -> this.rows.count(AdminTables.TEAMS, Map.of("organization_id", id))
						.zipWith(this.rows.count(AdminTables.KEYS, Map.of("organization_id", id)))
						.flatMap((held) -> (held.getT1() + held.getT2() > 0) ? Mono.error(new BadRequestError(
								"Organization=" + id + " still has " + held.getT1() + " teams and " + held.getT2()
										+ " keys: delete or move them first (LiteLLM would delete them with it)",
								null, "organization_ids")) : view(organization))))
				.collectList()
				// checked again inside the deleting transaction, so that a team or key
				// attached in between is not left naming an organization that is gone
				.flatMap((deleted) -> this.rows.database()
					.inTransaction((client) -> Flux.fromIterable(ids)
						.concatMap((id) -> client
							.sql("DELETE FROM organizations WHERE organization_id = :id AND NOT EXISTS "
									+ "(SELECT 1 FROM teams WHERE organization_id = :id) AND NOT EXISTS "
									+ "(SELECT 1 FROM api_keys WHERE organization_id = :id)")
							.bind("id", id)
							.fetch()
							.rowsUpdated()
							.flatMap((count) -> (count == 0) ? Mono.error(new BadRequestError("Organization=" + id
									+ " gained teams or keys while it was being deleted: delete or move them first",
									null, "organization_ids")) : Mono.just(count)))
						.then())
					.then(AdminJson.ok(deleted)));
		});
	}

	/** {@code GET /organization/info?organization_id=}. */
	public Mono<ServerResponse> info(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		String id = request.queryParam("organization_id")
			.orElseThrow(() -> new BadRequestError("Pass the organization: /organization/info?organization_id=...",
					null, "organization_id"));
		return readable(caller, id).then(organization(id))
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
				.concatMap((id) -> this.rows.find(AdminTables.ORGANIZATIONS, id))
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
		Flux<Map<String, @Nullable Object>> organizations;
		if (caller.canReadAll()) {
			organizations = this.rows.findAll(AdminTables.ORGANIZATIONS, Map.of(), 1000, 0);
		}
		else if (caller.userId() != null) {
			organizations = this.rows
				.findAll(AdminTables.ORGANIZATION_MEMBERS, Map.of("user_id", caller.userId()), 10_000, 0)
				.concatMap(
						(membership) -> this.rows.find(AdminTables.ORGANIZATIONS, membership.get("organization_id")));
		}
		else {
			organizations = Flux.empty();
		}
		String id = request.queryParam("org_id").orElse(null);
		String alias = request.queryParam("org_alias")
			.map((text) -> text.toLowerCase(java.util.Locale.ROOT))
			.orElse(null);
		return organizations.filter((organization) -> id == null || id.equals(organization.get("organization_id")))
			.filter((organization) -> alias == null || String.valueOf(organization.get("organization_alias"))
				.toLowerCase(java.util.Locale.ROOT)
				.contains(alias))
			.concatMap((organization) -> view(organization, caller.canReadAll()))
			.collectList()
			.flatMap(AdminJson::ok);
	}

	public Mono<ServerResponse> addMember(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/organization/member_add");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String id = fields.required("organization_id");
			refuseMemberBudget(fields);
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
				String role = role((member.get("role") != null) ? String.valueOf(member.get("role")) : "internal_user",
						"member");
				Object userId = member.get("user_id");
				Object email = member.get("user_email");
				if (userId == null && email == null) {
					return Mono.error(new BadRequestError("Each member needs user_id or user_email", null, "member"));
				}
				return user((userId != null) ? userId.toString() : null, (email != null) ? email.toString() : null,
						true)
					.flatMap((user) -> {
						String memberId = String.valueOf(user.get("user_id"));
						return this.rows
							.findAll(AdminTables.ORGANIZATION_MEMBERS,
									Map.of("organization_id", id, "user_id", memberId), 1, 0)
							.hasElements()
							.flatMap((exists) -> {
								if (exists) {
									return Mono.error(new BadRequestError(
											"User " + memberId + " is already a member of organization " + id, null,
											"member"));
								}
								Map<String, @Nullable Object> membership = new LinkedHashMap<>();
								membership.put("organization_id", id);
								membership.put("user_id", memberId);
								membership.put("user_role", role);
								membership.put("spend", 0.0);
								membership.put("created_at", this.keys.now());
								membership.put("updated_at", this.keys.now());
								users.add(KeyRows.publicView(user));
								memberships.add(KeyRows.publicView(membership));
								return this.rows.insert(AdminTables.ORGANIZATION_MEMBERS, membership)
									.doOnSuccess((done) -> this.invalidation.userChanged(memberId));
							});
					});
			}).then(Mono.defer(() -> {
				Map<String, @Nullable Object> answer = new LinkedHashMap<>();
				answer.put("organization_id", id);
				answer.put("updated_users", users);
				answer.put("updated_organization_memberships", memberships);
				return AdminJson.ok(answer);
			}));
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
			refuseMemberBudget(fields);
			String role = (fields.string("role") != null) ? role(fields.string("role"), "role") : null;
			return this.rows.find(AdminTables.ORGANIZATIONS, id)
				.switchIfEmpty(Mono.error(() -> new BadRequestError("Organization not found for organization_id=" + id,
						null, "organization_id")))
				.then(membership(id, fields))
				.flatMap((membership) -> {
					if (role == null) {
						return AdminJson.ok(KeyRows.publicView(membership));
					}
					membership.put("user_role", role);
					membership.put("updated_at", this.keys.now());
					return this.rows.database()
						.one((client) -> client
							.sql("UPDATE organization_members SET user_role = :role, updated_at = :at "
									+ "WHERE organization_id = :organization AND user_id = :user")
							.bind("role", role)
							.bind("at", this.keys.now())
							.bind("organization", id)
							.bind("user", String.valueOf(membership.get("user_id")))
							.fetch()
							.rowsUpdated())
						.then(AdminJson.ok(KeyRows.publicView(membership)));
				});
		});
	}

	/** {@code DELETE} (or {@code POST}) {@code /organization/member_delete}. */
	public Mono<ServerResponse> deleteMember(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/organization/member_delete");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String id = fields.required("organization_id");
			return organization(id).then(membership(id, fields))
				.flatMap((membership) -> this.rows.database()
					.one((client) -> client.sql(
							"DELETE FROM organization_members WHERE organization_id = :organization AND user_id = :user")
						.bind("organization", id)
						.bind("user", String.valueOf(membership.get("user_id")))
						.fetch()
						.rowsUpdated())
					.doOnSuccess((count) -> this.invalidation.userChanged(String.valueOf(membership.get("user_id"))))
					.then(AdminJson.ok(KeyRows.publicView(membership))));
		});
	}

	/**
	 * Narrowing an organization's models is refused while one of its teams has a model
	 * outside them (or every model), so that its models keep bounding its teams'.
	 */
	private Mono<Void> teamsWithin(String id, @Nullable Object models) {
		if (!(models instanceof List<?> allowed) || allowed.isEmpty()) {
			return Mono.empty();
		}
		return this.rows.findAll(AdminTables.TEAMS, Map.of("organization_id", id), 10_000, 0).filter((team) -> {
			List<?> teamModels = (team.get("models") instanceof List<?> list) ? list : List.of();
			return teamModels.isEmpty() || !allowed.containsAll(teamModels);
		})
			.next()
			.flatMap((team) -> Mono.error(new BadRequestError("Team " + team.get("team_id") + " of organization " + id
					+ " has models outside " + allowed + ": change the team first", null, "models")));
	}

	/** Admins and admin viewers read any organization; its members read it too. */
	private Mono<Void> readable(CallerIdentity caller, String id) {
		if (caller.canReadAll()) {
			return Mono.empty();
		}
		if (caller.userId() == null) {
			return Mono.error(notMember(id));
		}
		return this.rows
			.findAll(AdminTables.ORGANIZATION_MEMBERS, Map.of("organization_id", id, "user_id", caller.userId()), 1, 0)
			.hasElements()
			.flatMap((member) -> member ? Mono.<Void>empty() : Mono.error(notMember(id)));
	}

	private static PermissionDeniedError notMember(String id) {
		return new PermissionDeniedError("You can only view organizations you belong to", null, "organization_id");
	}

	private Mono<Map<String, @Nullable Object>> organization(String id) {
		return this.rows.find(AdminTables.ORGANIZATIONS, id)
			.switchIfEmpty(Mono.error(() -> new NotFoundError("Organization not found for organization_id=" + id, null,
					"organization_id")));
	}

	/** The member a request names by user_id or user_email; a 404 when it is not one. */
	private Mono<Map<String, @Nullable Object>> membership(String id, RequestFields fields) {
		String userId = fields.string("user_id");
		String email = fields.string("user_email");
		if (userId == null && email == null) {
			return Mono.error(new BadRequestError("Either user id or user email must be provided", null, "user_id"));
		}
		return user(userId, email, false)
			.flatMap(
					(user) -> this.rows
						.findAll(AdminTables.ORGANIZATION_MEMBERS,
								Map.of("organization_id", id, "user_id", String.valueOf(user.get("user_id"))), 1, 0)
						.next())
			.switchIfEmpty(Mono.error(() -> new NotFoundError(
					"Member not found in organization for user_id=" + ((userId != null) ? userId : email), null,
					"user_id")));
	}

	/**
	 * A user by id or e-mail; with {@code create}, a missing one is made an internal
	 * user, as LiteLLM does when it adds a member.
	 */
	private Mono<Map<String, @Nullable Object>> user(@Nullable String userId, @Nullable String email, boolean create) {
		if (create) {
			return MemberUsers.findOrCreate(this.rows, this.keys, userId, email);
		}
		return (userId != null) ? this.rows.find(AdminTables.USERS, userId)
				: this.rows.findFirst(AdminTables.USERS, "user_email", email);
	}

	/** An organization with its members and teams, as LiteLLM shows one to an admin. */
	private Mono<Map<String, @Nullable Object>> view(Map<String, @Nullable Object> organization) {
		return view(organization, true);
	}

	/**
	 * @param full whether the caller may read every team and user: a member sees the
	 * teams' ids and aliases and the members' ids and roles, not their budgets, spend or
	 * metadata (which {@code /team/info} shows only to a team's members)
	 */
	private Mono<Map<String, @Nullable Object>> view(Map<String, @Nullable Object> organization, boolean full) {
		Object id = organization.get("organization_id");
		return this.rows.findAll(AdminTables.ORGANIZATION_MEMBERS, Map.of("organization_id", id), 1000, 0)
			.map((member) -> full ? KeyRows.publicView(member) : only(member, "user_id", "user_role"))
			.collectList()
			.zipWith(this.rows.findAll(AdminTables.TEAMS, Map.of("organization_id", id), 1000, 0)
				.map((team) -> full ? KeyRows.publicView(team) : only(team, "team_id", "team_alias"))
				.collectList())
			.map((related) -> {
				Map<String, @Nullable Object> view = KeyRows.publicView(organization);
				view.put("litellm_budget_table", null);
				view.put("members", related.getT1());
				view.put("teams", related.getT2());
				return view;
			});
	}

	private static void refuseMemberBudget(RequestFields fields) {
		fields.refuseAny(List.of("max_budget_in_organization"), (field) -> field + " is not enforced by this gateway");
	}

	/** One of the organization roles, else a 400 naming the field it came in. */
	private static String role(String role, String field) {
		if (!ROLES.contains(role)) {
			throw new BadRequestError("Invalid role. Must be one of: " + ROLES.stream().sorted().toList(), null, field);
		}
		return role;
	}

	private static Map<String, @Nullable Object> only(Map<String, @Nullable Object> row, String... fields) {
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		for (String field : fields) {
			view.put(field, row.get(field));
		}
		return view;
	}

	private static void refuseNotEnforced(RequestFields fields) {
		fields.refuseAny(NOT_ENFORCED, (field) -> field + " of an organization is not enforced by this gateway");
	}

}
