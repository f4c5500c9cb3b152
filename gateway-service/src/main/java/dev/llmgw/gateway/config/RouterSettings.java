package dev.llmgw.gateway.config;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code router_settings}.
 *
 * @param routingStrategy simple-shuffle, usage-based-routing-v2, least-busy,
 * latency-based-routing or cost-based-routing
 * @param numRetries retries across deployments of a group
 * @param timeoutSeconds default call timeout
 * @param allowedFails failures in a minute before a deployment cools down
 * @param cooldownTimeSeconds how long a failing deployment rests
 * @param enablePreCallCheck skip deployments whose context window or limits the request
 * exceeds
 * @param fallbacks {@code [{"group": ["other", ...]}]}
 * @param contextWindowFallbacks fallbacks on a context-window error
 * @param contentPolicyFallbacks fallbacks on a content-policy error
 * @param defaultFallbacks groups tried when any group fails
 * @param modelGroupAlias {@code {"alias": "group"}}
 * @param retryAfterSeconds the least wait before a retry
 * @param disableCooldowns never cool a deployment down
 * @param defaultMaxParallelRequests concurrency of a deployment without its own
 * max_parallel_requests
 * @param defaultPriority the priority of a request that names none
 * @param reliability max_fallbacks, the retry and allowed-fails policies,
 * routing_strategy_args
 * @param enableTagFiltering tag-based routing on
 * @param tagFilteringMatchAny one tag in common suffices (default), else all of the
 * request's
 */
public record RouterSettings(String routingStrategy, @Nullable Integer numRetries, @Nullable Double timeoutSeconds,
		@Nullable Integer allowedFails, @Nullable Double cooldownTimeSeconds, boolean enablePreCallCheck,
		Map<String, List<String>> fallbacks, Map<String, List<String>> contextWindowFallbacks,
		Map<String, List<String>> contentPolicyFallbacks, List<String> defaultFallbacks,
		Map<String, String> modelGroupAlias, @Nullable Double retryAfterSeconds, boolean disableCooldowns,
		@Nullable Integer defaultMaxParallelRequests, @Nullable Integer defaultPriority, RouterReliability reliability,
		boolean enableTagFiltering, boolean tagFilteringMatchAny) {

	public static final RouterSettings DEFAULTS = new RouterSettings("simple-shuffle", null, null, null, null, false,
			Map.of(), Map.of(), Map.of(), List.of(), Map.of(), null, false, null, null, RouterReliability.DEFAULTS,
			false, true);

}
