package dev.llmgw.gateway.api;

import java.util.List;

import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.engine.Estimate;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.engine.PromptBound;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.openai.EmbeddingRequest;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /v1/embeddings}: the OpenAI embeddings front end of the call pipeline.
 */
public final class EmbeddingsHandler {

	private final JsonBodyReader bodies;

	private final CallPipeline calls;

	public EmbeddingsHandler(JsonBodyReader bodies, CallPipeline calls) {
		this.bodies = bodies;
		this.calls = calls;
	}

	public Mono<ServerResponse> handle(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		String pathModel = request.pathVariables().get("model");
		return this.bodies.read(exchange, EmbeddingRequest.class).flatMap((body) -> {
			EmbeddingRequest embedding = (pathModel != null) ? body.withModel(pathModel) : body;
			String model = validate(embedding);
			Estimate estimate = Estimate.tokens(PromptBound.tokens(embedding.input()), 0);
			ModelCall call = new ModelCall(CallKind.EMBEDDING, embedding, model,
					ModelCall.endUser(exchange, embedding.user()), "/embeddings", embedding.inputChars(),
					(deployment) -> estimate, embedding.extra());
			return this.calls.admit(exchange, call)
				.flatMap((deployment) -> this.calls.embed(exchange, embedding, deployment))
				.flatMap((result) -> JsonResponse.ok(result.body()));
		});
	}

	private static String validate(EmbeddingRequest request) {
		String model = request.model();
		if (model == null || model.isBlank()) {
			throw new BadRequestError("Missing required parameter: 'model'", null, "model");
		}
		Object input = request.input();
		boolean valid = (input instanceof String text && !text.isEmpty())
				|| (input instanceof List<?> items && !items.isEmpty());
		if (!valid) {
			throw new BadRequestError("Missing required parameter: 'input' (a string or a non-empty list)", null,
					"input");
		}
		return model;
	}

}
