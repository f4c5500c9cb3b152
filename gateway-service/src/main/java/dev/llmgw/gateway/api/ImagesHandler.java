package dev.llmgw.gateway.api;

import dev.llmgw.gateway.admission.ModelCallGate;
import dev.llmgw.gateway.engine.ChatCalls;
import java.util.Map;

import dev.llmgw.gateway.budget.BudgetGate;
import dev.llmgw.gateway.budget.PromptBound;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.ImageCall;
import dev.llmgw.gateway.providers.ProviderRegistry;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.web.CallContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /v1/images/generations}: admission like every model call, the provider's
 * images, and their cost at the price map's per-image (or per-pixel) price.
 */
public final class ImagesHandler {

	private final JsonBodyReader bodies;

	private final ModelCallGate gate;

	private final ProviderRegistry providers;

	private final PriceMap prices;

	public ImagesHandler(JsonBodyReader bodies, ModelCallGate gate, ProviderRegistry providers, PriceMap prices) {
		this.bodies = bodies;
		this.gate = gate;
		this.providers = providers;
		this.prices = prices;
	}

	public Mono<ServerResponse> handle(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		String pathModel = request.pathVariables().get("model");
		return this.bodies.readObject(exchange).flatMap((body) -> {
			if (pathModel != null) {
				body.put("model", pathModel);
			}
			String model = validate(body);
			Object user = body.get("user");
			return this.gate
				.admit(exchange, model, ModelCallGate.endUser(exchange, (user != null) ? user.toString() : null),
						"/images/generations", String.valueOf(body.get("prompt")).length(), (chosen) -> {
							ImageCall images = new ImageCall(chosen, body, "estimate");
							return new BudgetGate.Estimate(PromptBound.tokens(body.get("prompt")), 0,
									this.prices.imageCost(chosen, images.size(), images.quality(), images.count()));
						})
				.flatMap((deployment) -> {
					ImageCall call = new ImageCall(deployment, body, CallContext.of(exchange).callId());
					return this.providers.forDeployment(deployment).generateImages(call).flatMap((result) -> {
						CallContext context = CallContext.of(exchange);
						context.usage(result.usage());
						double cost = this.prices.imageCost(deployment, call.size(), call.quality(), call.count());
						context.cost(cost);
						return ServerResponse.ok()
							.contentType(MediaType.APPLICATION_JSON)
							.header(ChatCalls.RESPONSE_COST_HEADER, Double.toString(cost))
							.bodyValue(result.body());
					});
				});
		});
	}

	private static String validate(Map<String, @Nullable Object> body) {
		if (!(body.get("model") instanceof String model) || model.isBlank()) {
			throw new BadRequestError("Missing required parameter: 'model'", null, "model");
		}
		if (!(body.get("prompt") instanceof String prompt) || prompt.isBlank()) {
			throw new BadRequestError("Missing required parameter: 'prompt'", null, "prompt");
		}
		return model;
	}

}
