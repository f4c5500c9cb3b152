package dev.llmgw.gateway.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * {@code general_settings}.
 *
 * @param masterKey admin key; {@code LITELLM_MASTER_KEY} when absent
 * @param databaseUrl gateway database; {@code DATABASE_URL} when absent
 * @param maxRequestSizeMb largest accepted request body
 * @param maxParallelRequests proxy-wide cap on requests in flight
 * @param disableSpendLogs skip spend-log rows
 * @param allowedRoutes routes non-admin keys may call
 */
public record GeneralSettings(@Nullable String masterKey, @Nullable String databaseUrl,
		@Nullable Double maxRequestSizeMb, @Nullable Integer maxParallelRequests, boolean disableSpendLogs,
		List<String> allowedRoutes) {

	public static final GeneralSettings DEFAULTS = new GeneralSettings(null, null, null, null, false, List.of());

}
