package dev.llmgw.gateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The router settings that tune failures by their kind, as LiteLLM's router reads them.
 *
 * @param maxFallbacks fallback groups tried at most for one call, LiteLLM's default 5
 * @param retryPolicy retries by error kind ({@code RateLimitErrorRetries}, ...), each
 * replacing {@code num_retries} for a failure of its kind
 * @param modelGroupRetryPolicy a group's own retry policy, replacing the whole
 * {@code retry_policy} for that group
 * @param allowedFailsPolicy failures by error kind before a deployment cools down, each
 * replacing {@code allowed_fails} for its kind (zero counts as unset, as in LiteLLM)
 * @param latencyTtlSeconds how long a latency sample counts
 * ({@code routing_strategy_args.ttl}, latency-based routing), 3600
 * @param lowestLatencyBuffer deployments within this fraction of the lowest latency are
 * chosen among at random ({@code lowest_latency_buffer}), 0
 * @param maxLatencyListSize the samples a latency average spans
 * ({@code max_latency_list_size}), 10
 */
public record RouterReliability(int maxFallbacks, Map<String, Integer> retryPolicy,
		Map<String, Map<String, Integer>> modelGroupRetryPolicy, Map<String, Integer> allowedFailsPolicy,
		double latencyTtlSeconds, double lowestLatencyBuffer, int maxLatencyListSize) {

	public static final int DEFAULT_MAX_FALLBACKS = 5;

	public static final RouterReliability DEFAULTS = new RouterReliability(DEFAULT_MAX_FALLBACKS, Map.of(), Map.of(),
			Map.of(), 3600, 0, 10);

	/** LiteLLM's RetryPolicy fields. */
	static final Set<String> RETRY_KINDS = Set.of("BadRequestErrorRetries", "AuthenticationErrorRetries",
			"TimeoutErrorRetries", "RateLimitErrorRetries", "ContentPolicyViolationErrorRetries",
			"InternalServerErrorRetries", "ServiceUnavailableErrorRetries", "DefaultRetries");

	/** LiteLLM's AllowedFailsPolicy fields. */
	static final Set<String> ALLOWED_FAILS_KINDS = Set.of("BadRequestErrorAllowedFails",
			"AuthenticationErrorAllowedFails", "TimeoutErrorAllowedFails", "RateLimitErrorAllowedFails",
			"ContentPolicyViolationErrorAllowedFails", "InternalServerErrorAllowedFails",
			"ServiceUnavailableErrorAllowedFails", "BadGatewayErrorAllowedFails", "NotFoundErrorAllowedFails");

	static RouterReliability read(ConfigReader reader, Map<String, Object> router, String path) {
		Integer maxFallbacks = reader.integer(router, "max_fallbacks", path);
		if (maxFallbacks != null && maxFallbacks < 0) {
			throw ConfigReader.typeError(path + ".max_fallbacks", "zero or a positive integer", maxFallbacks);
		}
		Map<String, Map<String, Integer>> byGroup = new LinkedHashMap<>();
		reader.map(router.get("model_group_retry_policy"), path + ".model_group_retry_policy")
			.forEach((group, policy) -> byGroup.put(group,
					counts(reader, policy, path + ".model_group_retry_policy." + group, RETRY_KINDS)));
		Map<String, Object> args = reader.map(router.get("routing_strategy_args"), path + ".routing_strategy_args");
		String argsPath = path + ".routing_strategy_args";
		reader.warnUnknownKeys(args, argsPath, List.of("ttl", "lowest_latency_buffer", "max_latency_list_size"));
		Double ttl = positive(reader.number(args, "ttl", argsPath), argsPath + ".ttl");
		Double buffer = reader.number(args, "lowest_latency_buffer", argsPath);
		if (buffer != null && buffer < 0) {
			throw ConfigReader.typeError(argsPath + ".lowest_latency_buffer", "zero or a positive number", buffer);
		}
		Integer listSize = reader.integer(args, "max_latency_list_size", argsPath);
		if (listSize != null && listSize < 1) {
			throw ConfigReader.typeError(argsPath + ".max_latency_list_size", "a positive integer", listSize);
		}
		return new RouterReliability((maxFallbacks != null) ? maxFallbacks : DEFAULT_MAX_FALLBACKS,
				counts(reader, router.get("retry_policy"), path + ".retry_policy", RETRY_KINDS), Map.copyOf(byGroup),
				counts(reader, router.get("allowed_fails_policy"), path + ".allowed_fails_policy", ALLOWED_FAILS_KINDS),
				(ttl != null) ? ttl : DEFAULTS.latencyTtlSeconds(),
				(buffer != null) ? buffer : DEFAULTS.lowestLatencyBuffer(),
				(listSize != null) ? listSize : DEFAULTS.maxLatencyListSize());
	}

	private static Map<String, Integer> counts(ConfigReader reader, @Nullable Object section, String path,
			Set<String> kinds) {
		Map<String, Object> map = reader.map(section, path);
		reader.warnUnknownKeys(map, path, kinds);
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String kind : map.keySet()) {
			Integer count = reader.integer(map, kind, path);
			if (count != null && count < 0) {
				throw ConfigReader.typeError(path + "." + kind, "zero or a positive integer", count);
			}
			if (count != null && kinds.contains(kind)) {
				counts.put(kind, count);
			}
		}
		return Map.copyOf(counts);
	}

	private static @Nullable Double positive(@Nullable Double value, String path) {
		if (value != null && value <= 0) {
			throw ConfigReader.typeError(path, "a positive number of seconds", value);
		}
		return value;
	}

}
