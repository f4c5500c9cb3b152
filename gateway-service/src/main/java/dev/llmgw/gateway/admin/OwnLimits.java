package dev.llmgw.gateway.admin;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.error.PermissionDeniedError;
import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.RowStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Keeps non-admins from raising their own limits through their keys: a key they create or
 * change may not have a larger budget, higher rate limits or more models than their user
 * has.
 */
final class OwnLimits {

	private static final List<String> LIMITS = List.of("max_budget", "tpm_limit", "rpm_limit", "max_parallel_requests");

	private final RowStore rows;

	OwnLimits(RowStore rows) {
		this.rows = rows;
	}

	Mono<Void> check(CallerIdentity caller, Map<String, @Nullable Object> keyRow) {
		if (caller.isAdmin() || caller.userId() == null) {
			return Mono.empty();
		}
		return this.rows.find(AdminTables.USERS, caller.userId()).flatMap((user) -> {
			for (String limit : LIMITS) {
				Object own = user.get(limit);
				Object asked = keyRow.get(limit);
				// a key without its own limit is still held to its user's, so only a
				// higher value is refused
				if (own != null && asked != null && ((Number) asked).doubleValue() > ((Number) own).doubleValue()) {
					return Mono.error(new PermissionDeniedError("Users cannot raise their own limits: the key's "
							+ limit + "=" + asked + " is above your user's " + limit + "=" + own, null, limit));
				}
			}
			List<?> ownModels = (List<?>) user.get("models");
			List<?> askedModels = (List<?>) keyRow.get("models");
			if (ownModels != null && !ownModels.isEmpty() && askedModels != null
					&& !ownModels.containsAll(askedModels)) {
				return Mono.error(new PermissionDeniedError("Users cannot raise their own limits: the key's models="
						+ askedModels + " are not all in your user's models=" + ownModels, null, "models"));
			}
			return Mono.<Void>empty();
		}).then();
	}

}
