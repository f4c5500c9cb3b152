package dev.llmgw.gateway.pricing;

import org.jspecify.annotations.Nullable;

/**
 * The prices of one model, in dollars per token, as LiteLLM's price map gives them.
 *
 * @param inputCostPerToken a prompt token
 * @param outputCostPerToken a completion token
 * @param cacheReadInputTokenCost a prompt token served from the provider's prompt cache,
 * when it has its own price
 * @param maxInputTokens the context window, when known
 * @param maxOutputTokens the most a call may generate, when known: what a budget reserves
 * for a call that sets no max_tokens
 */
public record ModelPrice(double inputCostPerToken, double outputCostPerToken, @Nullable Double cacheReadInputTokenCost,
		@Nullable Integer maxInputTokens, @Nullable Integer maxOutputTokens) {

	public static final ModelPrice FREE = new ModelPrice(0, 0, null, null, null);

	public ModelPrice(double inputCostPerToken, double outputCostPerToken, @Nullable Double cacheReadInputTokenCost,
			@Nullable Integer maxInputTokens) {
		this(inputCostPerToken, outputCostPerToken, cacheReadInputTokenCost, maxInputTokens, null);
	}

}
