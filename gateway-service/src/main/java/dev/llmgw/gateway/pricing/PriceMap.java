package dev.llmgw.gateway.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.config.ModelInfo;
import dev.llmgw.gateway.pricing.ModelListing;
import dev.llmgw.gateway.providers.Deployment;
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

	private static final String PIXEL = "pixel:";

	private static final String QUERY = "query:";

	private static final String CHARACTER = "character:";

	private static final String SECOND = "second:";

	private final Map<String, ModelPrice> prices;

	/**
	 * Per image ({@code output_cost_per_image}), per pixel ({@code input_cost_per_pixel},
	 * keys prefixed {@link #PIXEL}) or per rerank query ({@code input_cost_per_query},
	 * keys prefixed {@link #QUERY}).
	 */
	private final Map<String, Double> imagePrices;

	/** Everything else /model/info shows, by the map's key. */
	private final Map<String, ModelListing> listings;

	PriceMap(Map<String, ModelPrice> prices) {
		this(prices, Map.of(), Map.of());
	}

	PriceMap(Map<String, ModelPrice> prices, Map<String, Double> imagePrices, Map<String, ModelListing> listings) {
		this.prices = Map.copyOf(prices);
		this.imagePrices = Map.copyOf(imagePrices);
		this.listings = Map.copyOf(listings);
	}

	public static PriceMap load(JsonMapper mapper) {
		try (InputStream in = PriceMap.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("price map " + RESOURCE + " is missing from the jar");
			}
			Map<String, ModelPrice> prices = new HashMap<>();
			Map<String, Double> imagePrices = new HashMap<>();
			Map<String, ModelListing> listings = new HashMap<>();
			JsonNode root = mapper.readTree(in);
			for (Map.Entry<String, JsonNode> entry : root.properties()) {
				JsonNode model = entry.getValue();
				if (!"sample_spec".equals(entry.getKey())) {
					listings.put(entry.getKey(), listing(entry.getKey(), model));
				}
				Double perQuery = number(model, "input_cost_per_query");
				if (perQuery != null) {
					imagePrices.put(QUERY + entry.getKey(), perQuery);
				}
				Double perCharacter = number(model, "input_cost_per_character");
				if (perCharacter != null) {
					imagePrices.put(CHARACTER + entry.getKey(), perCharacter);
				}
				Double perSecond = number(model, "input_cost_per_second");
				if (perSecond != null) {
					imagePrices.put(SECOND + entry.getKey(), perSecond);
				}
				Double perImage = number(model, "output_cost_per_image");
				Double perPixel = number(model, "input_cost_per_pixel");
				if (perImage != null) {
					imagePrices.put(entry.getKey(), perImage);
				}
				else if (perPixel != null) {
					imagePrices.put(PIXEL + entry.getKey(), perPixel);
				}
				Double input = number(model, "input_cost_per_token");
				Double output = number(model, "output_cost_per_token");
				if (input == null && output == null) {
					// the map's sample_spec entry and models priced per image, second or
					// character
					continue;
				}
				prices.put(entry.getKey(),
						new ModelPrice((input != null) ? input : 0, (output != null) ? output : 0,
								number(model, "cache_read_input_token_cost"), integer(model, "max_input_tokens"),
								integer(model, "max_output_tokens")));
			}
			return new PriceMap(prices, imagePrices, listings);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ModelListing listing(String key, JsonNode model) {
		Map<String, Boolean> supports = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : model.properties()) {
			if (field.getKey().startsWith("supports_") && field.getValue().isBoolean()) {
				supports.put(field.getKey(), field.getValue().asBoolean());
			}
		}
		return new ModelListing(key, text(model, "litellm_provider"), text(model, "mode"), integer(model, "max_tokens"),
				integer(model, "max_input_tokens"), integer(model, "max_output_tokens"),
				number(model, "input_cost_per_token"), number(model, "output_cost_per_token"), Map.copyOf(supports));
	}

	private static @Nullable String text(JsonNode model, String field) {
		JsonNode value = model.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static @Nullable Integer integer(JsonNode model, String field) {
		Double value = number(model, field);
		return (value != null) ? value.intValue() : null;
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
					(listed != null) ? listed.cacheReadInputTokenCost() : null, info.maxInputTokens(),
					(listed != null) ? listed.maxOutputTokens() : null);
		}
		return (listed != null) ? listed : ModelPrice.FREE;
	}

	/**
	 * The map's prices of a model named as LiteLLM's map names it ({@code gpt-4o},
	 * {@code bedrock/anthropic.claude-3-haiku...}), or with its provider in front of a
	 * bare name; null when the map does not price it by the token.
	 */
	public @Nullable ModelPrice priceOf(String model) {
		ModelPrice price = this.prices.get(model);
		if (price == null && model.indexOf('/') > 0) {
			price = this.prices.get(model.substring(model.indexOf('/') + 1));
		}
		return price;
	}

	/**
	 * What generating images costs, as LiteLLM prices it: the model's price per image, or
	 * for OpenAI's DALL-E the price per pixel of the map's
	 * {@code <quality>/<W>-x-<H>/<model>} entry; free when neither is listed.
	 * @param deployment who generated them
	 * @param size the requested size, e.g. 1024x1024, or null
	 * @param quality the requested quality (standard, hd), or null
	 * @param images how many
	 * @return the cost in USD
	 */
	public double imageCost(Deployment deployment, @Nullable String size, @Nullable String quality, int images) {
		String provider = deployment.provider().name();
		String model = deployment.providerModel();
		for (String key : new String[] { provider + "/" + model, model }) {
			Double perImage = this.imagePrices.get(key);
			if (perImage != null) {
				return perImage * images;
			}
		}
		String pixels = (size != null) ? size.replace("x", "-x-") : "1024-x-1024";
		int x = pixels.indexOf("-x-");
		for (String key : new String[] { provider + "/" + quality + "/" + pixels + "/" + model,
				quality + "/" + pixels + "/" + model, pixels + "/" + model }) {
			Double perPixel = this.imagePrices.get(PIXEL + key);
			if (perPixel != null && x > 0) {
				try {
					long area = Long.parseLong(pixels.substring(0, x)) * Long.parseLong(pixels.substring(x + 3));
					return perPixel * area * images;
				}
				catch (NumberFormatException ex) {
					return 0;
				}
			}
		}
		return 0;
	}

	/**
	 * What a rerank costs, as LiteLLM prices it: the model's {@code input_cost_per_query}
	 * for each search unit billed; free when the map has no such price.
	 * @param deployment who ranked
	 * @param searchUnits the units billed (a query of up to 100 documents is one)
	 * @return the cost in USD
	 */
	public double queryCost(Deployment deployment, long searchUnits) {
		Double perQuery = unitPrice(QUERY, deployment);
		return (perQuery != null) ? perQuery * Math.max(1, searchUnits) : 0;
	}

	/**
	 * The price per character of the text a speech model reads
	 * ({@code input_cost_per_character}, as {@code tts-1} is priced), or null when the
	 * map prices the model otherwise.
	 */
	public @Nullable Double characterPrice(Deployment deployment) {
		return unitPrice(CHARACTER, deployment);
	}

	/**
	 * The price per second of audio a transcription model hears
	 * ({@code input_cost_per_second}, as {@code whisper-1} is priced), or null when the
	 * map prices the model otherwise.
	 */
	public @Nullable Double secondPrice(Deployment deployment) {
		return unitPrice(SECOND, deployment);
	}

	/** A price per unit, looked up as token prices are. */
	private @Nullable Double unitPrice(String unit, Deployment deployment) {
		String model = deployment.providerModel();
		String baseModel = deployment.modelInfo().baseModel();
		for (String key : new String[] { deployment.provider().name() + "/" + model, model, baseModel }) {
			Double price = (key != null) ? this.imagePrices.get(unit + key) : null;
			if (price != null) {
				return price;
			}
		}
		return null;
	}

	/**
	 * The map's entry for a deployment, looked up as its prices are:
	 * {@code provider/model}, the model alone, then model_info.base_model.
	 */
	public @Nullable ModelListing listing(Deployment deployment) {
		String model = deployment.providerModel();
		ModelListing listing = this.listings.get(deployment.provider().name() + "/" + model);
		if (listing == null) {
			listing = this.listings.get(model);
		}
		String baseModel = deployment.modelInfo().baseModel();
		if (listing == null && baseModel != null) {
			listing = this.listings.get(baseModel);
		}
		return listing;
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
