package dev.llmgw.gateway.pricing;

import java.util.Map;

import dev.llmgw.model.openai.Usage;

/**
 * The cost of a call from its usage: prompt tokens at the input price (those served from
 * the provider's prompt cache at the cache price, when the provider reports them and the
 * model has one) plus completion tokens at the output price.
 */
public final class CostCalculator {

	private CostCalculator() {
	}

	public static double cost(ModelPrice price, Usage usage) {
		long cached = cachedTokens(usage);
		double prompt;
		if (cached > 0 && price.cacheReadInputTokenCost() != null) {
			prompt = (usage.promptTokens() - cached) * price.inputCostPerToken()
					+ cached * price.cacheReadInputTokenCost();
		}
		else {
			prompt = usage.promptTokens() * price.inputCostPerToken();
		}
		return prompt + usage.completionTokens() * price.outputCostPerToken();
	}

	private static long cachedTokens(Usage usage) {
		Object details = usage.extra().get("prompt_tokens_details");
		if (details instanceof Map<?, ?> map && map.get("cached_tokens") instanceof Number cached) {
			return Math.min(cached.longValue(), usage.promptTokens());
		}
		return 0;
	}

}
