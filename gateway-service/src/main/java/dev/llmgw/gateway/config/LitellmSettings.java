package dev.llmgw.gateway.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code litellm_settings}: the parts read so far are typed; the section itself is kept
 * whole in {@link #raw} for the features that read it later (cache, callbacks).
 *
 * @param dropParams drop unsupported parameters for every deployment
 * @param numRetries default retries
 * @param requestTimeoutSeconds default call timeout
 * @param maxBudget proxy-wide budget in dollars
 * @param budgetDuration its reset period
 * @param maxInternalUserBudget default budget of a new internal user
 * @param internalUserBudgetDuration its reset period
 * @param successCallback loggers called after a success
 * @param failureCallback loggers called after a failure
 * @param raw the whole section
 * @param fallbacks fallbacks, which LiteLLM also accepts here
 * @param contextWindowFallbacks context-window fallbacks, also accepted here
 * @param defaultFallbacks default fallbacks, also accepted here
 * @param cache {@code cache} and {@code cache_params}
 * @param metrics the Prometheus settings
 * @param callbacks {@code callbacks}: loggers called on every call (LiteLLM's names)
 * @param jsonLogs {@code json_logs}: log lines as JSON
 */
public record LitellmSettings(boolean dropParams, @Nullable Integer numRetries, @Nullable Double requestTimeoutSeconds,
		@Nullable Double maxBudget, @Nullable BudgetDuration budgetDuration, @Nullable Double maxInternalUserBudget,
		@Nullable BudgetDuration internalUserBudgetDuration, List<String> successCallback, List<String> failureCallback,
		Map<String, Object> raw, Map<String, List<String>> fallbacks, Map<String, List<String>> contextWindowFallbacks,
		List<String> defaultFallbacks, CacheSettings cache, MetricsSettings metrics, List<String> callbacks,
		boolean jsonLogs) {

	public static final LitellmSettings DEFAULTS = new LitellmSettings(false, null, null, null, null, null, null,
			List.of(), List.of(), Map.of(), Map.of(), Map.of(), List.of(), CacheSettings.OFF, MetricsSettings.DEFAULTS,
			List.of(), false);

	/**
	 * {@code timezone}: where budgets' midnights, Mondays and 1sts fall (UTC when unset,
	 * as in LiteLLM; a name that is not a zone fails at start-up).
	 */
	public ZoneId budgetZone() {
		ZoneId zone = zone(this.raw.get("timezone"));
		return (zone != null) ? zone : ZoneOffset.UTC;
	}

	static @Nullable ZoneId zone(@Nullable Object name) {
		if (name == null) {
			return null;
		}
		try {
			return ZoneId.of(name.toString().trim());
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * Whether a logger is named in {@code callbacks}, {@code success_callback} or
	 * {@code failure_callback}.
	 */
	public boolean hasCallback(String name) {
		return this.callbacks.contains(name) || this.successCallback.contains(name)
				|| this.failureCallback.contains(name);
	}

}
