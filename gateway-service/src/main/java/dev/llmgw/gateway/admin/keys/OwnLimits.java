package dev.llmgw.gateway.admin.keys;

import java.util.List;

import dev.llmgw.gateway.admin.store.KeyRow;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.error.PermissionDeniedError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Keeps non-admins from raising their own limits through their keys: a key they create or
 * change may not have a larger budget, higher rate limits or more models than their user
 * has.
 */
final class OwnLimits {

	private final UserStore users;

	OwnLimits(UserStore users) {
		this.users = users;
	}

	Mono<Void> check(CallerIdentity caller, KeyRow key) {
		if (caller.isAdmin() || caller.userId() == null) {
			return Mono.empty();
		}
		return this.users.find(caller.userId()).flatMap((user) -> {
			PermissionDeniedError over = higher("max_budget", user.maxBudget(), key.maxBudget());
			over = (over != null) ? over : higher("tpm_limit", user.tpmLimit(), key.tpmLimit());
			over = (over != null) ? over : higher("rpm_limit", user.rpmLimit(), key.rpmLimit());
			over = (over != null) ? over
					: higher("max_parallel_requests", user.maxParallelRequests(), key.maxParallelRequests());
			if (over != null) {
				return Mono.error(over);
			}
			List<String> ownModels = user.models();
			List<String> askedModels = key.models();
			if (!ownModels.isEmpty() && !ownModels.containsAll(askedModels)) {
				return Mono.error(new PermissionDeniedError("Users cannot raise their own limits: the key's models="
						+ askedModels + " are not all in your user's models=" + ownModels, null, "models"));
			}
			return Mono.<Void>empty();
		}).then();
	}

	/**
	 * A key without its own limit is still held to its user's, so only a higher value is
	 * refused.
	 */
	private static @Nullable PermissionDeniedError higher(String limit, @Nullable Number own, @Nullable Number asked) {
		if (own != null && asked != null && asked.doubleValue() > own.doubleValue()) {
			return new PermissionDeniedError("Users cannot raise their own limits: the key's " + limit + "=" + asked
					+ " is above your user's " + limit + "=" + own, null, limit);
		}
		return null;
	}

}
