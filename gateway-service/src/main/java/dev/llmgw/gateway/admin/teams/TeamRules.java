package dev.llmgw.gateway.admin.teams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.admin.ConfigDefaults;
import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.RequestFields;
import dev.llmgw.gateway.admin.store.OrganizationStore;
import dev.llmgw.gateway.admin.store.TeamStore;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.config.BudgetDuration;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What a team may hold and who may change its members: the columns a request sets, its
 * guardrails (kept in metadata, as LiteLLM keeps them), the models its organization
 * allows, and the members it names.
 */
final class TeamRules {

	private final TeamStore teams;

	private final OrganizationStore organizations;

	private final AdminClock clock;

	/**
	 * litellm_settings.default_team_params: what a new team takes where its request sets
	 * nothing.
	 */
	private final Map<String, @Nullable Object> defaults;

	/**
	 * @throws IllegalStateException when default_team_params holds a value a /team/new
	 * request could not
	 */
	TeamRules(TeamStore teams, OrganizationStore organizations, AdminClock clock, Map<String, Object> litellmSettings) {
		this.teams = teams;
		this.organizations = organizations;
		this.clock = clock;
		Map<String, @Nullable Object> defaults = new LinkedHashMap<>();
		Object configured = litellmSettings.get("default_team_params");
		if (configured instanceof Map<?, ?> params) {
			params.forEach((field, value) -> defaults.put(String.valueOf(field), value));
		}
		else if (configured != null) {
			throw new IllegalStateException("litellm_settings.default_team_params: expected a mapping");
		}
		this.defaults = java.util.Collections.unmodifiableMap(defaults);
		try {
			changes(new RequestFields(new LinkedHashMap<>(this.defaults)), null);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("litellm_settings.default_team_params: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A /team/new body with default_team_params filled in where it sets nothing (an empty
	 * models list counts as nothing), as LiteLLM copies them onto a new team.
	 */
	Map<String, @Nullable Object> withDefaults(Map<String, @Nullable Object> body) {
		return ConfigDefaults.fill(body, this.defaults);
	}

	/** The columns a /team/new or /team/update body sets; absent fields are left out. */
	Map<String, @Nullable Object> changes(RequestFields fields, @Nullable Map<String, Object> existingMetadata) {
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
			team.put("budget_reset_at", (period != null) ? this.clock.firstReset(period) : null);
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
		return withGuardrails(team, fields, existingMetadata);
	}

	/**
	 * A team's {@code guardrails} live in its metadata, as LiteLLM keeps them: added to
	 * the metadata the request gives, else to the team's own.
	 */
	private static Map<String, @Nullable Object> withGuardrails(Map<String, @Nullable Object> changes,
			RequestFields fields, @Nullable Map<String, Object> existingMetadata) {
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

	/**
	 * A team of an organization that lists models may be given only those models (and not
	 * every model), as LiteLLM checks it; the organization must exist.
	 */
	Mono<Void> withinOrganization(@Nullable String organizationId, @Nullable List<String> teamModels) {
		if (organizationId == null) {
			return Mono.empty();
		}
		return this.organizations.find(organizationId)
			.switchIfEmpty(
					Mono.error(() -> new BadRequestError("Organization not found for organization_id=" + organizationId,
							null, "organization_id")))
			.flatMap((organization) -> {
				List<String> allowed = organization.models();
				List<String> asked = (teamModels != null) ? teamModels : List.of();
				if (allowed.isEmpty()) {
					return Mono.empty();
				}
				if (asked.isEmpty()) {
					return Mono.error(new BadRequestError("Organization " + organizationId + " allows only the models "
							+ allowed + ": list the team's models among them", null, "models"));
				}
				List<String> outside = asked.stream().filter((model) -> !allowed.contains(model)).toList();
				return outside.isEmpty() ? Mono.empty() : Mono.error(new BadRequestError(
						"Models " + outside + " are not among organization " + organizationId + "'s models " + allowed,
						null, "models"));
			});
	}

	/** Proxy admins, and admins of the team, may change its members. */
	Mono<Void> requireTeamAdmin(CallerIdentity caller, String teamId, String route) {
		if (caller.isAdmin()) {
			return Mono.empty();
		}
		return this.teams.role(teamId, caller.userId())
			.flatMap((role) -> role.filter("admin"::equals).isPresent() ? Mono.<Void>empty() : Mono
				.error(new PermissionDeniedError(
						"Call not allowed. User not proxy admin OR team admin. route=" + route + ", team_id=" + teamId,
						null, "team_id")));
	}

	/**
	 * A member's own budget and limits in a team are not enforced by the gateway yet:
	 * refused by name rather than stored and ignored.
	 */
	static void refuseMemberLimits(RequestFields fields) {
		fields.refuseAny(List.of("max_budget_in_team", "tpm_limit", "rpm_limit"),
				(field) -> field + " for a team member is not supported by this gateway: a member's own budget and "
						+ "limits in a team are not enforced. Set them on the member's keys or user.");
	}

	/** The members a request names ({@code members_with_roles}, {@code member}). */
	static List<Member> members(@Nullable Object raw, String field) {
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
	record Member(@Nullable String userId, @Nullable String userEmail, String role) {

	}

}
