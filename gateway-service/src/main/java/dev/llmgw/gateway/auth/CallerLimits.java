package dev.llmgw.gateway.auth;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The rate limits that apply to a caller's requests, read with its key: the key's own
 * (also per model), its user's and its team's. Null means no limit.
 *
 * @param keyRpm key requests per minute
 * @param keyTpm key tokens per minute
 * @param keyParallel key requests in flight
 * @param modelRpm key requests per minute, per model group
 * @param modelTpm key tokens per minute, per model group
 * @param userRpm user requests per minute
 * @param userTpm user tokens per minute
 * @param userParallel user requests in flight
 * @param teamRpm team requests per minute
 * @param teamTpm team tokens per minute
 * @param teamParallel team requests in flight
 */
public record CallerLimits(@Nullable Long keyRpm, @Nullable Long keyTpm, @Nullable Long keyParallel,
		Map<String, Long> modelRpm, Map<String, Long> modelTpm, @Nullable Long userRpm, @Nullable Long userTpm,
		@Nullable Long userParallel, @Nullable Long teamRpm, @Nullable Long teamTpm, @Nullable Long teamParallel) {

	public static final CallerLimits NONE = new CallerLimits(null, null, null, Map.of(), Map.of(), null, null, null,
			null, null, null);

}
