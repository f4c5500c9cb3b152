package dev.llmgw.gateway.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code litellm_settings} keys of the Prometheus metrics, as LiteLLM names them.
 *
 * @param access who may read {@code /metrics}: {@code require_auth_for_metrics_endpoint}
 * (LiteLLM's default since it became a setting: any valid key; {@code false}: anyone;
 * {@code admin}, this gateway's own value: the master key or an admin's key)
 * @param endUserLabels whether the {@code end_user} label carries the caller's end user
 * ({@code enable_end_user_cost_tracking_prometheus_only: true} and not
 * {@code disable_end_user_cost_tracking}); else it is "None", as in LiteLLM, since the
 * value comes from the request and would grow the series without bound
 * @param latencyBuckets {@code prometheus_latency_buckets}, null for LiteLLM's
 */
public record MetricsSettings(Access access, boolean endUserLabels, @Nullable List<Double> latencyBuckets) {

	public static final MetricsSettings DEFAULTS = new MetricsSettings(Access.KEY, false, null);

	static final String ACCESS_KEY = "require_auth_for_metrics_endpoint";

	/** Who may read the metrics. */
	public enum Access {

		/** Anyone who reaches the port. */
		OPEN,

		/** Any valid key, as every other route. */
		KEY,

		/** The master key or a proxy admin's key. */
		ADMIN

	}

}
