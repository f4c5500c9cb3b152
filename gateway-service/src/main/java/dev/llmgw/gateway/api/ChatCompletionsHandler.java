package dev.llmgw.gateway.api;

import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.model.openai.ChatCompletionRequest;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /v1/chat/completions}: validates the request, picks a deployment of the
 * model group and relays the provider's answer, streaming it chunk by chunk when asked
 * to.
 */
public final class ChatCompletionsHandler {

	private final JsonBodyReader bodies;

	private final CallPipeline calls;

	private final ErrorBodies errors;

	public ChatCompletionsHandler(JsonBodyReader bodies, CallPipeline calls, ErrorBodies errors) {
		this.bodies = bodies;
		this.calls = calls;
		this.errors = errors;
	}

	public Mono<ServerResponse> handle(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		String pathModel = request.pathVariables().get("model");
		return this.bodies.read(exchange, ChatCompletionRequest.class).flatMap((body) -> {
			ChatCompletionRequest chat = (pathModel != null) ? body.withModel(pathModel) : body;
			return this.calls.admit(exchange, chat, "/chat/completions")
				.flatMap((deployment) -> relay(exchange, chat, deployment));
		});
	}

	private Mono<ServerResponse> relay(ServerWebExchange exchange, ChatCompletionRequest request,
			Deployment deployment) {
		if (request.isStream()) {
			return stream(exchange, request, deployment);
		}
		return this.calls.complete(exchange, request, deployment).flatMap((result) -> JsonResponse.ok(result.body()));
	}

	private Mono<ServerResponse> stream(ServerWebExchange exchange, ChatCompletionRequest request,
			Deployment deployment) {
		StreamTally tally = new StreamTally();
		return EventStreamResponse.of(exchange, this.calls.stream(exchange, request, deployment, tally), tally,
				this.errors::sseFrame);
	}

}
