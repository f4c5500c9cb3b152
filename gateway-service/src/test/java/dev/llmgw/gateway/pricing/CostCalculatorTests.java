package dev.llmgw.gateway.pricing;

import java.util.Map;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.model.openai.Usage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CostCalculatorTests {

	private static final PriceMap PRICES = PriceMap.load(JsonMapper.builder().build());

	@Test
	void promptAndCompletionAtTheirPrices() {
		ModelPrice price = new ModelPrice(2.5e-6, 1e-5, 1.25e-6, null);
		assertThat(CostCalculator.cost(price, Usage.of(1000, 100))).isCloseTo(0.0035, within(1e-12));
	}

	@Test
	void cachedPromptTokensAtTheCachePrice() {
		ModelPrice price = new ModelPrice(2.5e-6, 1e-5, 1.25e-6, null);
		Usage usage = new Usage(1000, 100, 1100, Map.of("prompt_tokens_details", Map.of("cached_tokens", 400)));
		assertThat(CostCalculator.cost(price, usage)).isCloseTo(600 * 2.5e-6 + 400 * 1.25e-6 + 100 * 1e-5,
				within(1e-12));
	}

	@Test
	void pricesComeFromTheMapOrFromModelInfo() {
		assertThat(PRICES.size()).isGreaterThan(1000);
		ModelRegistry registry = new ModelRegistry(new ConfigLoader(EnvironmentLookup.of(Map.of())).parse("""
				model_list:
				  - model_name: mini
				    litellm_params: {model: openai/gpt-4o-mini, api_key: k}
				  - model_name: claude
				    litellm_params: {model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0}
				  - model_name: custom
				    litellm_params: {model: openai/gpt-4o-mini, api_key: k}
				    model_info: {input_cost_per_token: 0.001, output_cost_per_token: 0.002}
				  - model_name: unknown
				    litellm_params: {model: hosted_vllm/my-own-model, api_base: "http://h"}
				""", "t"));
		assertThat(PRICES.priceOf(registry.find("mini").deployments().get(0)).inputCostPerToken()).isEqualTo(1.5e-7);
		assertThat(PRICES.priceOf(registry.find("claude").deployments().get(0)).outputCostPerToken()).isEqualTo(1.5e-5);
		ModelPrice custom = PRICES.priceOf(registry.find("custom").deployments().get(0));
		assertThat(custom.inputCostPerToken()).isEqualTo(0.001);
		assertThat(custom.outputCostPerToken()).isEqualTo(0.002);
		assertThat(PRICES.priceOf(registry.find("unknown").deployments().get(0))).isEqualTo(ModelPrice.FREE);
	}

}
