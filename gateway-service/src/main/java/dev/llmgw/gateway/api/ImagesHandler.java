package dev.llmgw.gateway.api;

import java.util.Map;

import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.engine.Estimate;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.engine.PromptBound;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.providers.ImageCall;
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

	private final CallPipeline calls;

	private final PriceMap prices;

	public ImagesHandler(JsonBodyReader bodies, CallPipeline calls, PriceMap prices) {
		this.bodies = bodies;
		this.calls = calls;
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
			ModelCall call = new ModelCall(CallKind.IMAGE, body, model,
					ModelCall.endUser(exchange, (user != null) ? user.toString() : null), "/images/generations",
					String.valueOf(body.get("prompt")).length(), (chosen) -> {
						ImageCall images = new ImageCall(chosen, body, "estimate");
						return new Estimate(PromptBound.tokens(body.get("prompt")), 0,
								this.prices.imageCost(chosen, images.size(), images.quality(), images.count()));
					}, body);
			return this.calls.admit(exchange, call)
				.flatMap((deployment) -> this.calls.images(exchange, body, deployment))
				.flatMap((result) -> ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(result.body()));
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
