package dev.llmgw.gateway.admin.keys;

import java.util.Objects;
import java.util.Optional;

import dev.llmgw.gateway.admin.AdminAccess;
import dev.llmgw.gateway.admin.store.KeyRow;
import dev.llmgw.gateway.admin.store.TeamStore;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.error.PermissionDeniedError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Who may act on a key, and with what authority: proxy admins on every key, a team's
 * admins on that team's keys, everyone else on their own user's keys only. The authority
 * is recorded when a key is blocked, so that a block is lifted only by someone with at
 * least the blocker's (LiteLLM lets any owner unblock; here an owner cannot undo an
 * admin's block).
 */
final class KeyAccess {

	static final String PROXY_ADMIN = "proxy_admin";

	static final String TEAM_ADMIN = "team_admin";

	static final String OWNER = "owner";

	private final TeamStore teams;

	KeyAccess(TeamStore teams) {
		this.teams = teams;
	}

	/** The caller's role in a team (admin or user), empty when it is not a member. */
	Mono<Optional<String>> teamRole(CallerIdentity caller, @Nullable String teamId) {
		if (teamId == null) {
			return Mono.just(Optional.empty());
		}
		return this.teams.role(teamId, caller.userId());
	}

	/**
	 * The caller's authority over a key row: proxy_admin, team_admin, owner, or empty
	 * when it may not act on it.
	 */
	Mono<Optional<String>> authority(CallerIdentity caller, KeyRow keyRow) {
		if (caller.isAdmin()) {
			return Mono.just(Optional.of(PROXY_ADMIN));
		}
		boolean owner = caller.userId() != null && Objects.equals(caller.userId(), keyRow.userId());
		return teamRole(caller, keyRow.teamId()).map((role) -> {
			if (role.isPresent() && role.get().equals("admin")) {
				return Optional.of(TEAM_ADMIN);
			}
			return owner ? Optional.of(OWNER) : Optional.<String>empty();
		});
	}

	/** The caller's authority over the key, or a 403 when it has none. */
	Mono<String> require(CallerIdentity caller, KeyRow keyRow) {
		return authority(caller, keyRow).flatMap(
				(authority) -> authority.map(Mono::just).orElseGet(() -> Mono.error(AdminAccess.notOwner("keys"))));
	}

	/**
	 * A non-admin may put a key in a team only as a member of it (LiteLLM:
	 * _team_key_operation_team_member_check and validate_key_team_change).
	 */
	Mono<Void> requireMember(CallerIdentity caller, @Nullable String teamId) {
		if (caller.isAdmin() || teamId == null) {
			return Mono.empty();
		}
		return teamRole(caller, teamId).flatMap((role) -> role.isPresent() ? Mono.<Void>empty()
				: Mono.error(new PermissionDeniedError("User=" + caller.userId() + " is not a member of the team="
						+ teamId + ". Check team members via `/team/info`.", null, "team_id")));
	}

	static int rank(@Nullable String authority) {
		if (OWNER.equals(authority)) {
			return 1;
		}
		if (TEAM_ADMIN.equals(authority)) {
			return 2;
		}
		// proxy_admin, and a block recorded before blocked_by existed
		return 3;
	}

}
