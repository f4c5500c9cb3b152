package dev.llmgw.gateway.config;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code general_settings}.
 *
 * @param masterKey admin key; {@code LITELLM_MASTER_KEY} when absent
 * @param databaseUrl gateway database; {@code DATABASE_URL} when absent
 * @param maxRequestSizeMb largest accepted request body
 * @param maxParallelRequests proxy-wide cap on requests in flight: the lower of
 * {@code max_parallel_requests} and {@code global_max_parallel_requests}
 * @param disableSpendLogs skip spend-log rows
 * @param allowedRoutes the only routes anyone may call; empty for all
 * @param publicRoutes routes that need no key
 * @param adminOnlyRoutes routes only a proxy admin may call
 * @param storeModelInDb keep models added with /model/new in the database and load them
 * at start-up, next to config.yaml's
 * @param raw the whole section, for the features that read their own keys (alerting)
 */
public record GeneralSettings(@Nullable String masterKey, @Nullable String databaseUrl,
		@Nullable Double maxRequestSizeMb, @Nullable Integer maxParallelRequests, boolean disableSpendLogs,
		List<String> allowedRoutes, List<String> publicRoutes, List<String> adminOnlyRoutes, boolean storeModelInDb,
		Map<String, Object> raw) {

	public static final GeneralSettings DEFAULTS = new GeneralSettings(null, null, null, null, false, List.of(),
			List.of(), List.of(), false, Map.of());

	public GeneralSettings withStoreModelInDb(boolean store) {
		return new GeneralSettings(this.masterKey, this.databaseUrl, this.maxRequestSizeMb, this.maxParallelRequests,
				this.disableSpendLogs, this.allowedRoutes, this.publicRoutes, this.adminOnlyRoutes, store, this.raw);
	}

}
