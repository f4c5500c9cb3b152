package dev.llmgw.gateway.pricing;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What LiteLLM's price map says about a model besides its prices, for /model/info.
 *
 * @param key the map's key that matched
 * @param litellmProvider the provider the map names
 * @param mode chat, embedding, image_generation, ...
 * @param maxTokens the legacy output limit
 * @param maxInputTokens the context window
 * @param maxOutputTokens the output limit
 * @param inputCostPerToken a prompt token
 * @param outputCostPerToken a completion token
 * @param supports the map's {@code supports_*} flags
 */
public record ModelListing(String key, @Nullable String litellmProvider, @Nullable String mode,
		@Nullable Integer maxTokens, @Nullable Integer maxInputTokens, @Nullable Integer maxOutputTokens,
		@Nullable Double inputCostPerToken, @Nullable Double outputCostPerToken, Map<String, Boolean> supports) {

}
