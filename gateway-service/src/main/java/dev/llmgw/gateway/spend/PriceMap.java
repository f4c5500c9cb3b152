package dev.llmgw.gateway.spend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import dev.llmgw.gateway.config.ModelInfo;
import dev.llmgw.gateway.routing.Deployment;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LiteLLM's model price map, bundled as a resource
 * (pricing/model_prices_and_context_window.json; refresh it with
 * scripts/refresh-prices.sh), read once at start-up. A deployment's model_info prices
 * override it.
 */
public final class PriceMap {

	static final String RESOURCE = "/pricing/model_prices_and_context_window.json";

	private final Map<String, ModelPrice> prices;

	PriceMap(Map<String, ModelPrice> prices) {
		this.prices = Map.copyOf(prices);
	}

	public static PriceMap load(JsonMapper mapper) {
		try (InputStream in = PriceMap.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("price map " + RESOURCE + " is missing from the jar");
			}
			Map<String, ModelPrice> prices = new HashMap<>();
			JsonNode root = mapper.readTree(in);
			for (Map.Entry<String, JsonNode> entry : root.properties()) {
				JsonNode model = entry.getValue();
				Double input = number(model, "input_cost_per_token");
				Double output = number(model, "output_cost_per_token");
				if (input == null && output == null) {
					// the map's sample_spec entry and models priced per image, second or
					// character
					continue;
				}
				Double maxInput = number(model, "max_input_tokens");
				prices.put(entry.getKey(), new ModelPrice((input != null) ? input : 0, (output != null) ? output : 0,
						number(model, "cache_read_input_token_cost"), (maxInput != null) ? maxInput.intValue() : null));
			}
			return new PriceMap(prices);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static @Nullable Double number(JsonNode model, String field) {
		JsonNode value = model.get(field);
		return (value != null && value.isNumber()) ? value.asDouble() : null;
	}

	public int size() {
		return this.prices.size();
	}

	/**
	 * The prices of a deployment: its model_info, else the map's entry for
	 * {@code provider/model}, the model alone, or model_info.base_model; free when none
	 * is known (and so never charged against a budget).
	 */
	public ModelPrice priceOf(Deployment deployment) {
		ModelInfo info = deployment.modelInfo();
		ModelPrice listed = listed(deployment);
		if (info.inputCostPerToken() != null || info.outputCostPerToken() != null) {
			return new ModelPrice((info.inputCostPerToken() != null) ? info.inputCostPerToken() : 0,
					(info.outputCostPerToken() != null) ? info.outputCostPerToken() : 0,
					(listed != null) ? listed.cacheReadInputTokenCost() : null, info.maxInputTokens());
		}
		return (listed != null) ? listed : ModelPrice.FREE;
	}

	private @Nullable ModelPrice listed(Deployment deployment) {
		String model = deployment.providerModel();
		ModelPrice price = this.prices.get(deployment.provider().name() + "/" + model);
		if (price == null) {
			price = this.prices.get(model);
		}
		String baseModel = deployment.modelInfo().baseModel();
		if (price == null && baseModel != null) {
			price = this.prices.get(baseModel);
		}
		return price;
	}

}
