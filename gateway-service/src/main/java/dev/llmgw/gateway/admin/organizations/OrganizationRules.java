package dev.llmgw.gateway.admin.organizations;

import java.util.List;
import java.util.Set;

import dev.llmgw.gateway.admin.RequestFields;
import dev.llmgw.gateway.admin.store.OrganizationStore;
import dev.llmgw.gateway.admin.store.TeamStore;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What an organization may hold and who may read it. What the gateway does not enforce
 * for an organization (its budget and limits, per-member budgets) is refused by name; its
 * models bound its teams'; admins and admin viewers read every organization, its members
 * read it too.
 */
final class OrganizationRules {

	static final Set<String> ROLES = Set.of("org_admin", "internal_user", "internal_user_viewer");

	private static final List<String> NOT_ENFORCED = List.of("budget_id", "max_budget", "soft_budget", "tpm_limit",
			"rpm_limit", "max_parallel_requests", "budget_duration", "model_max_budget", "model_rpm_limit",
			"model_tpm_limit", "litellm_budget_table");

	private final OrganizationStore organizations;

	private final TeamStore teams;

	OrganizationRules(OrganizationStore organizations, TeamStore teams) {
		this.organizations = organizations;
		this.teams = teams;
	}

	static void refuseNotEnforced(RequestFields fields) {
		fields.refuseAny(NOT_ENFORCED, (field) -> field + " of an organization is not enforced by this gateway");
	}

	static void refuseMemberBudget(RequestFields fields) {
		fields.refuseAny(List.of("max_budget_in_organization"), (field) -> field + " is not enforced by this gateway");
	}

	/** One of the organization roles, else a 400 naming the field it came in. */
	static String role(String role, String field) {
		if (!ROLES.contains(role)) {
			throw new BadRequestError("Invalid role. Must be one of: " + ROLES.stream().sorted().toList(), null, field);
		}
		return role;
	}

	/**
	 * Narrowing an organization's models is refused while one of its teams has a model
	 * outside them (or every model), so that its models keep bounding its teams'.
	 */
	Mono<Void> teamsWithin(String id, @Nullable List<String> models) {
		if (models == null || models.isEmpty()) {
			return Mono.empty();
		}
		return this.teams.ofOrganization(id, 10_000).filter((team) -> {
			return team.models().isEmpty() || !models.containsAll(team.models());
		})
			.next()
			.flatMap((team) -> Mono.error(new BadRequestError("Team " + team.teamId() + " of organization " + id
					+ " has models outside " + models + ": change the team first", null, "models")));
	}

	/** Admins and admin viewers read any organization; its members read it too. */
	Mono<Void> readable(CallerIdentity caller, String id) {
		if (caller.canReadAll()) {
			return Mono.empty();
		}
		if (caller.userId() == null) {
			return Mono.error(notMember());
		}
		return this.organizations.membership(id, caller.userId())
			.hasElement()
			.flatMap((member) -> member ? Mono.<Void>empty() : Mono.error(notMember()));
	}

	private static PermissionDeniedError notMember() {
		return new PermissionDeniedError("You can only view organizations you belong to", null, "organization_id");
	}

}
