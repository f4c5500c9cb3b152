package dev.llmgw.gateway.admin;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who may do what on the admin API (shared/spec/admin-api.md §1.3, docs/admin-access.md):
 * admins everything, admin viewers read everything, internal users their own keys and
 * their own user (team admins also their team's keys, see {@link KeyAccess}),
 * internal-user viewers only read themselves.
 */
public final class AdminAccess {

	private AdminAccess() {
	}

	public static CallerIdentity caller(ServerWebExchange exchange) {
		return CallerIdentity.orUnauthenticated(exchange);
	}

	/** Only admins may manage users, teams and customers. */
	public static void requireAdmin(CallerIdentity caller, String route) {
		if (!caller.isAdmin()) {
			throw notAdmin(caller, route);
		}
	}

	/**
	 * Who a row's {@code created_by} / {@code updated_by} names: the caller's user, or
	 * LiteLLM's name for the master key.
	 */
	public static String actor(CallerIdentity caller) {
		return (caller.userId() != null) ? caller.userId() : "litellm-proxy-master";
	}

	/** Admins and admin viewers may read any record. */
	public static void requireReadAll(CallerIdentity caller, String route) {
		if (!caller.canReadAll()) {
			throw notAdmin(caller, route);
		}
	}

	/** Viewers may not change anything. */
	public static void requireWriter(CallerIdentity caller, String route) {
		if (caller.role().endsWith("_viewer")) {
			throw new AuthenticationError(
					"Authentication Error, role " + caller.role() + " is read-only and cannot call " + route);
		}
	}

	public static PermissionDeniedError notOwner(String what) {
		return new PermissionDeniedError(
				"You can only manage your own " + what + ". Only proxy admins may act on other users' " + what + ".");
	}

	private static AuthenticationError notAdmin(CallerIdentity caller, String route) {
		return new AuthenticationError("Authentication Error, Only proxy admin can be used to generate, delete, "
				+ "update info for new keys/users/teams. Route=" + route + ". Your role=" + caller.role()
				+ ". Your user_id=" + maskUserId(caller.userId()));
	}

	private static String maskUserId(@Nullable String userId) {
		if (userId == null) {
			return "None";
		}
		return (userId.length() <= 4) ? "****" : userId.substring(0, 2) + "***" + userId.substring(userId.length() - 2);
	}

}
