package dev.llmgw.gateway.auth;

import java.util.List;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * What authentication needs of a virtual key, its user and its team, cached in process so
 * that a request reads no database.
 *
 * @param tokenHash the key's SHA-256
 * @param keyName the key's display name
 * @param keyAlias the key's alias, when it has one
 * @param userId its user
 * @param teamId its team
 * @param userRole its user's role (internal_user when it has none)
 * @param expires when it stops working
 * @param blocked whether the key is blocked
 * @param teamBlocked whether its team is blocked
 * @param access its model lists
 * @param limits its rate limits
 * @param budgets its budgets
 * @param spend the key's spend as the database held it
 * @param guardrails the guardrails of the key's and its team's metadata
 * @param teamAlias its team's alias, for metrics and logs
 * @param userEmail its user's email, for metrics and logs
 * @param turnOffMessageLogging {@code turn_off_message_logging} from the key's or its
 * team's {@code metadata.logging} callback settings; null when neither says
 * @param allowedRoutes the key's {@code allowed_routes}, empty for every route
 */
record CachedKey(String tokenHash, String keyName, @Nullable String keyAlias, @Nullable String userId,
		@Nullable String teamId, String userRole, @Nullable OffsetDateTime expires, boolean blocked,
		boolean teamBlocked, ModelAccess access, CallerLimits limits, CallerBudgets budgets, double spend,
		List<String> guardrails, @Nullable String teamAlias, @Nullable String userEmail,
		@Nullable Boolean turnOffMessageLogging, List<String> allowedRoutes) {

	CallerIdentity toCaller() {
		return new CallerIdentity(this.keyName, this.userRole, this.userId, this.teamId, this.tokenHash, this.keyAlias,
				this.access, this.limits, this.budgets, this.spend, this.guardrails, this.teamAlias, this.userEmail,
				this.turnOffMessageLogging, this.allowedRoutes);
	}

}
