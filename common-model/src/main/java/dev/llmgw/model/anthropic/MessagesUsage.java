package dev.llmgw.model.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token counts of a Messages response; {@code input_tokens} excludes cache reads and
 * writes, which are counted apart.
 *
 * @param inputTokens uncached input tokens
 * @param outputTokens generated tokens
 * @param cacheCreationInputTokens tokens written to the prompt cache
 * @param cacheReadInputTokens tokens read from the prompt cache
 */
public record MessagesUsage(@JsonProperty("input_tokens") long inputTokens,
		@JsonProperty("output_tokens") long outputTokens,
		@JsonProperty("cache_creation_input_tokens") long cacheCreationInputTokens,
		@JsonProperty("cache_read_input_tokens") long cacheReadInputTokens) {

}
