package dev.llmgw.gateway.auth;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.web.ExchangeAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who is calling, as resolved from their key. Carries no secret: the key is represented
 * only by its display name ({@code sk-...a1b2}) and its SHA-256, which is LiteLLM's key
 * id.
 *
 * @param displayName how logs and messages name the key
 * @param role the LiteLLM role: proxy_admin, proxy_admin_viewer, internal_user,
 * internal_user_viewer
 * @param userId the owning user, when known
 * @param teamId the owning team, when known
 * @param keyHash the key's SHA-256 (hex), null for the master key
 * @param keyAlias the key's {@code key_alias}, when it has one
 * @param access which models the caller may use
 * @param limits the rate limits its requests count against
 * @param budgets the budgets its calls are charged against
 * @param keySpend the key's spend when its data was cached
 * @param guardrails the guardrails its key and team carry ({@code guardrails} in their
 * metadata), which run on every call it makes
 * @param teamAlias the team's alias
 * @param userEmail the user's email
 * @param turnOffMessageLogging whether the key's (or its team's) logging settings keep
 * prompts and answers out of the logging callbacks; null when they do not say
 * @param allowedRoutes the key's {@code allowed_routes} ({@link RouteAccess}); empty for
 * every route
 */
public record CallerIdentity(String displayName, String role, @Nullable String userId, @Nullable String teamId,
		@Nullable String keyHash, @Nullable String keyAlias, ModelAccess access, CallerLimits limits,
		CallerBudgets budgets, double keySpend, List<String> guardrails, @Nullable String teamAlias,
		@Nullable String userEmail, @Nullable Boolean turnOffMessageLogging, List<String> allowedRoutes) {

	public static final String PROXY_ADMIN = "proxy_admin";

	public static final String PROXY_ADMIN_VIEWER = "proxy_admin_viewer";

	public static final String INTERNAL_USER = "internal_user";

	public static final String INTERNAL_USER_VIEWER = "internal_user_viewer";

	private static final ExchangeAttribute<CallerIdentity> ATTRIBUTE = ExchangeAttribute.of(CallerIdentity.class,
			CallerIdentity.class);

	/**
	 * Who sent the request, once the authentication filter has resolved the key; null on
	 * public routes and before.
	 */
	public static @Nullable CallerIdentity of(ServerWebExchange exchange) {
		return ATTRIBUTE.get(exchange);
	}

	/**
	 * Who sent the request, or an unauthenticated caller where no key was resolved (a
	 * public route): for handlers that check what the caller may do.
	 */
	public static CallerIdentity orUnauthenticated(ServerWebExchange exchange) {
		CallerIdentity caller = of(exchange);
		return (caller != null) ? caller : unauthenticated();
	}

	/** Who sent a finished call, from its record's attributes. */
	public static @Nullable CallerIdentity of(Map<String, Object> attributes) {
		return ATTRIBUTE.get(attributes);
	}

	/** Set by the authentication filter alone. */
	static void attach(ServerWebExchange exchange, CallerIdentity caller) {
		ATTRIBUTE.put(exchange, caller);
	}

	public static CallerIdentity masterKey() {
		return new CallerIdentity("master-key", PROXY_ADMIN, "default_user_id", null, null, null, ModelAccess.ALL,
				CallerLimits.NONE, CallerBudgets.NONE, 0, List.of(), null, null, null, List.of());
	}

	/**
	 * Used when no master key is configured: LiteLLM then lets every request through as
	 * an internal user.
	 */
	public static CallerIdentity unauthenticated() {
		return new CallerIdentity("no-auth", INTERNAL_USER, null, null, null, null, ModelAccess.ALL, CallerLimits.NONE,
				CallerBudgets.NONE, 0, List.of(), null, null, null, List.of());
	}

	/**
	 * The caller of a route in {@code general_settings.public_routes}: no key, and
	 * LiteLLM's role for it, an internal user viewer.
	 */
	public static CallerIdentity publicRoute() {
		return new CallerIdentity("public-route", INTERNAL_USER_VIEWER, null, null, null, null, ModelAccess.ALL,
				CallerLimits.NONE, CallerBudgets.NONE, 0, List.of(), null, null, null, List.of());
	}

	public boolean isAdmin() {
		return PROXY_ADMIN.equals(this.role);
	}

	/** Admins and admin viewers may read everything. */
	public boolean canReadAll() {
		return isAdmin() || PROXY_ADMIN_VIEWER.equals(this.role);
	}

	/**
	 * Who owns what the caller stores with a provider or the gateway (responses, files,
	 * batches): its key, the master key, or (for callers without a key of their own, such
	 * as a UI session) its user.
	 */
	public String owner() {
		if (this.keyHash != null) {
			return this.keyHash;
		}
		if (isMasterKey()) {
			return "master";
		}
		return "user:" + ((this.userId != null) ? this.userId : this.displayName);
	}

	public boolean isMasterKey() {
		return this.keyHash == null && isAdmin();
	}

}
