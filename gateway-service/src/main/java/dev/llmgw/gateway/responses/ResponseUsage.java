package dev.llmgw.gateway.responses;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;

/**
 * A response's token counts, in the Responses API's names, from a chat answer's usage.
 *
 * @param inputTokens prompt tokens
 * @param inputTokensDetails the cached ones among them, and those written to a prompt
 * cache (the SDKs require both)
 * @param outputTokens completion tokens
 * @param outputTokensDetails the reasoning ones among them
 * @param totalTokens both
 */
record ResponseUsage(@JsonProperty("input_tokens") long inputTokens,
		@JsonProperty("input_tokens_details") Map<String, Long> inputTokensDetails,
		@JsonProperty("output_tokens") long outputTokens,
		@JsonProperty("output_tokens_details") Map<String, Long> outputTokensDetails,
		@JsonProperty("total_tokens") long totalTokens) {

	static ResponseUsage of(@Nullable Usage usage) {
		if (usage == null) {
			return of(Usage.NONE);
		}
		long cached = detail(usage.extra().get("prompt_tokens_details"), "cached_tokens");
		long reasoning = detail(usage.extra().get("completion_tokens_details"), "reasoning_tokens");
		long written = (usage.extra().get("cache_creation_input_tokens") instanceof Number n) ? n.longValue() : 0;
		Map<String, Long> input = new LinkedHashMap<>();
		input.put("cached_tokens", cached);
		input.put("cache_write_tokens", written);
		return new ResponseUsage(usage.promptTokens(), input, usage.completionTokens(),
				Map.of("reasoning_tokens", reasoning), usage.promptTokens() + usage.completionTokens());
	}

	private static long detail(@Nullable Object details, String name) {
		return (details instanceof Map<?, ?> map && map.get(name) instanceof Number number) ? number.longValue() : 0;
	}

}
