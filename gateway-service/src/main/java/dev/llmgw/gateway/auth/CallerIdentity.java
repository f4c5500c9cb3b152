package dev.llmgw.gateway.auth;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling, as resolved from their key. Carries no secret: the key itself is
 * represented only by a display name such as {@code sk-...a1b2}.
 *
 * @param displayName how logs and messages name the key
 * @param role the LiteLLM role: proxy_admin, proxy_admin_viewer, internal_user,
 * internal_user_viewer
 * @param userId the owning user, when known
 * @param teamId the owning team, when known
 */
public record CallerIdentity(String displayName, String role, @Nullable String userId, @Nullable String teamId) {

	public static final String PROXY_ADMIN = "proxy_admin";

	public static CallerIdentity masterKey() {
		return new CallerIdentity("master-key", PROXY_ADMIN, "default_user_id", null);
	}

	/**
	 * Used when no master key is configured: LiteLLM then lets every request through as
	 * an admin.
	 */
	public static CallerIdentity unauthenticated() {
		return new CallerIdentity("no-auth", PROXY_ADMIN, "default_user_id", null);
	}

	public boolean isAdmin() {
		return PROXY_ADMIN.equals(this.role);
	}

}
