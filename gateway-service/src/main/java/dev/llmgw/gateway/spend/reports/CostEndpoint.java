package dev.llmgw.gateway.spend.reports;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.pricing.CostCalculator;
import dev.llmgw.gateway.pricing.ModelPrice;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.routing.ModelGroup;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code POST /spend/calculate}, as LiteLLM answers it: {@code {"cost": <USD>}} for
 * {@code model} and {@code messages} (the prompt alone, estimated at about four
 * characters a token, as nothing is called), or for a {@code completion_response} with
 * its {@code model} and {@code usage}. A model of the config is priced as its first
 * deployment is (its model_info, else the price map); any other name by the price map.
 */
public final class CostEndpoint {

	private final PriceMap prices;

	private final ModelRegistry models;

	private final JsonBodyReader bodies;

	public CostEndpoint(PriceMap prices, ModelRegistry models, JsonBodyReader bodies) {
		this.prices = prices;
		this.models = models;
		this.bodies = bodies;
	}

	public Mono<ServerResponse> calculate(ServerRequest request) {
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			Object model = body.get("model");
			Object response = body.get("completion_response");
			double cost;
			if (model != null) {
				if (!(body.get("messages") instanceof List<?> messages)) {
					throw new BadRequestError("Bad Request - messages must be provided if 'model' is provided", null,
							"messages");
				}
				ModelPrice price = price(text(model, "model"), "model");
				cost = Math.max(1, (characters(messages) + 3) / 4) * price.inputCostPerToken();
			}
			else if (response instanceof Map<?, ?> completion) {
				ModelPrice price = price(text(completion.get("model"), "completion_response.model"),
						"completion_response");
				Map<?, ?> usage = (completion.get("usage") instanceof Map<?, ?> map) ? map : Map.of();
				cost = CostCalculator.cost(price,
						Usage.of(count(usage.get("prompt_tokens")), count(usage.get("completion_tokens"))));
			}
			else {
				throw new BadRequestError("Bad Request - Either 'model' or 'completion_response' must be provided",
						null, "model");
			}
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("cost", cost));
		});
	}

	private ModelPrice price(String model, String param) {
		ModelGroup group = this.models.find(model);
		if (group != null && !group.deployments().isEmpty()) {
			return this.prices.priceOf(group.deployments().get(0));
		}
		ModelPrice price = this.prices.priceOf(model);
		if (price == null) {
			throw new BadRequestError("This model isn't mapped yet. model=" + model
					+ ": it is neither a model of this gateway nor in the price map", null, param);
		}
		return price;
	}

	private static String text(@Nullable Object value, String param) {
		if (!(value instanceof String text) || text.isBlank()) {
			throw new BadRequestError("Invalid value for " + param + ": expected a model name", null, param);
		}
		return text;
	}

	private static long count(@Nullable Object value) {
		if (value == null) {
			return 0;
		}
		if (value instanceof Number number && number.doubleValue() >= 0 && number.doubleValue() < 1e12) {
			return number.longValue();
		}
		throw new BadRequestError("Invalid token count in completion_response.usage: " + value, null,
				"completion_response");
	}

	/** The characters of the messages' text, whether a string or text parts. */
	private static long characters(List<?> messages) {
		long characters = 0;
		for (Object message : messages) {
			if (message instanceof Map<?, ?> map) {
				Object content = map.get("content");
				if (content instanceof String text) {
					characters += text.length();
				}
				else if (content instanceof List<?> parts) {
					for (Object part : parts) {
						if (part instanceof Map<?, ?> item && item.get("text") instanceof String text) {
							characters += text.length();
						}
					}
				}
			}
		}
		return characters;
	}

}
