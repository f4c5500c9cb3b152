package dev.llmgw.gateway.moderations;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.ModelAccess;
import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.engine.Estimate;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.routing.ModelRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /v1/moderations}: {@code input} (a string, a list of strings, or OpenAI's
 * text and image parts) and {@code model}. The OpenAI SDKs leave {@code model} out by
 * default; the gateway then takes the first model group it serves for moderation
 * ({@code model_info.mode: moderation}, or a model id naming moderation) that the key may
 * use, where LiteLLM would call OpenAI with its own key.
 */
final class ModerationsHandler {

	private final JsonBodyReader bodies;

	private final CallPipeline calls;

	private final ModelRegistry models;

	ModerationsHandler(JsonBodyReader bodies, CallPipeline calls, ModelRegistry models) {
		this.bodies = bodies;
		this.calls = calls;
		this.models = models;
	}

	Mono<ServerResponse> handle(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		return this.bodies.readObject(exchange).flatMap((body) -> {
			long chars = inputChars(body.get("input"));
			String model = model(body.get("model"), CallerIdentity.orUnauthenticated(exchange).access());
			Object user = body.get("user");
			ModelCall call = new ModelCall(CallKind.MODERATION, body, model,
					ModelCall.endUser(exchange, (user instanceof String text) ? text : null), "/moderations", chars,
					(deployment) -> Estimate.tokens(chars / 4 + 1, 0), body);
			return this.calls.admit(exchange, call)
				.flatMap((deployment) -> this.calls.moderate(exchange, body, deployment))
				.flatMap((result) -> ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(result.body()));
		});
	}

	private String model(@Nullable Object given, ModelAccess access) {
		if (given instanceof String model && !model.isBlank()) {
			return model;
		}
		if (given != null) {
			throw new BadRequestError("Invalid type for 'model': expected a string.", null, "model");
		}
		String group = this.models.firstGroup((deployment) -> "moderation".equals(deployment.modelInfo().mode())
				|| deployment.providerModel().contains("moderation"), access::allows);
		if (group != null) {
			return group;
		}
		throw new BadRequestError("Missing required parameter: 'model' (no model group is set up for moderation: "
				+ "give one model_info.mode: moderation)", null, "model");
	}

	/** The input's text size; what is not text or OpenAI's parts is a 400. */
	private static long inputChars(@Nullable Object input) {
		if (input instanceof String text) {
			return text.length();
		}
		if (input instanceof List<?> items && !items.isEmpty()) {
			long chars = 0;
			for (int i = 0; i < items.size(); i++) {
				Object item = items.get(i);
				if (item instanceof String text) {
					chars += text.length();
				}
				else if (item instanceof Map<?, ?> part && (part.get("type") instanceof String)) {
					chars += (part.get("text") instanceof String text) ? text.length() : 0;
				}
				else {
					throw new BadRequestError(
							"Invalid type for 'input[" + i + "]': expected a string or an input "
									+ "part ({\"type\": \"text\"} or {\"type\": \"image_url\"}).",
							null, "input[" + i + "]");
				}
			}
			return chars;
		}
		throw new BadRequestError("Missing required parameter: 'input' (a string, or a non-empty list).", null,
				"input");
	}

}
