package dev.llmgw.gateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.engine.Estimate;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.RerankRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /v1/rerank} (and {@code /rerank}, {@code /v2/rerank}): LiteLLM's rerank
 * front end of the call pipeline, in Cohere's shape: {@code model}, {@code query},
 * {@code documents} (strings, or objects whose {@code text} is taken), {@code top_n},
 * {@code return_documents} (true unless false, as LiteLLM's default).
 */
public final class RerankHandler {

	/** Cohere's own bound on a rerank's documents. */
	static final int MOST_DOCUMENTS = 1000;

	private final JsonBodyReader bodies;

	private final CallPipeline calls;

	private final JsonMapper mapper;

	public RerankHandler(JsonBodyReader bodies, CallPipeline calls, JsonMapper mapper) {
		this.bodies = bodies;
		this.calls = calls;
		this.mapper = mapper;
	}

	public Mono<ServerResponse> handle(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		return this.bodies.readObject(exchange).flatMap((body) -> {
			RerankRequest rerank = parse(body);
			Estimate estimate = Estimate.tokens(rerank.chars() / 4 + 1, 0);
			Object user = body.get("user");
			ModelCall call = new ModelCall(CallKind.RERANK, rerank, rerank.model(),
					ModelCall.endUser(exchange, (user instanceof String text) ? text : null), "/rerank", rerank.chars(),
					(deployment) -> estimate, body);
			return this.calls.admit(exchange, call)
				.flatMap((deployment) -> this.calls.rerank(exchange, rerank, deployment))
				.flatMap((result) -> ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(result.body()));
		});
	}

	private RerankRequest parse(Map<String, @Nullable Object> body) {
		if (!(body.get("model") instanceof String model) || model.isBlank()) {
			throw new BadRequestError("Missing required parameter: 'model'", null, "model");
		}
		if (!(body.get("query") instanceof String query) || query.isEmpty()) {
			throw new BadRequestError("Missing required parameter: 'query' (a non-empty string)", null, "query");
		}
		if (!(body.get("documents") instanceof List<?> given) || given.isEmpty()) {
			throw new BadRequestError("Missing required parameter: 'documents' (a non-empty list)", null, "documents");
		}
		if (given.size() > MOST_DOCUMENTS) {
			throw new BadRequestError("documents: at most " + MOST_DOCUMENTS + " documents, got " + given.size(), null,
					"documents");
		}
		List<String> documents = new ArrayList<>(given.size());
		for (Object document : given) {
			if (document instanceof String text) {
				documents.add(text);
			}
			else if (document instanceof Map<?, ?> fields) {
				documents
					.add((fields.get("text") instanceof String text) ? text : this.mapper.writeValueAsString(fields));
			}
			else {
				throw new BadRequestError("documents: each document must be a string or an object", null, "documents");
			}
		}
		Integer topN = null;
		Object top = body.get("top_n");
		if (top != null) {
			if (!(top instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
					|| number.longValue() < 1 || number.longValue() > Integer.MAX_VALUE) {
				throw new BadRequestError("top_n: expected a positive integer, got " + top, null, "top_n");
			}
			topN = number.intValue();
		}
		Object returnDocuments = body.get("return_documents");
		if (returnDocuments != null && !(returnDocuments instanceof Boolean)) {
			throw new BadRequestError("return_documents: expected true or false", null, "return_documents");
		}
		return new RerankRequest(model, query, documents, topN, !Boolean.FALSE.equals(returnDocuments));
	}

}
