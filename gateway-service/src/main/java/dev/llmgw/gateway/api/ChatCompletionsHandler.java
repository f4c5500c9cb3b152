package dev.llmgw.gateway.api;

import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.routing.Deployment;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.model.openai.ChatCompletionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /v1/chat/completions}: validates the request, picks a deployment of the
 * model group and relays the provider's answer, streaming it chunk by chunk when asked
 * to.
 */
public final class ChatCompletionsHandler {

	private static final Logger log = LoggerFactory.getLogger(ChatCompletionsHandler.class);

	private final JsonBodyReader bodies;

	private final ChatCalls calls;

	private final ErrorBodies errors;

	public ChatCompletionsHandler(JsonBodyReader bodies, ChatCalls calls, ErrorBodies errors) {
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
		return this.calls.complete(exchange, request, deployment)
			.flatMap((result) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(result.body()));
	}

	private Mono<ServerResponse> stream(ServerWebExchange exchange, ChatCompletionRequest request,
			Deployment deployment) {
		DataBufferFactory buffers = exchange.getResponse().bufferFactory();
		StreamTally tally = new StreamTally();
		String callId = CallContext.of(exchange).callId();
		Flux<DataBuffer> frames = this.calls.stream(exchange, request, deployment, tally)
			.map(buffers::wrap)
			.onErrorResume((error) -> {
				if (!tally.started()) {
					return Flux.error(error);
				}
				log.warn("call_id={} stream failed after it started: {}", callId, error.toString());
				GatewayError gatewayError = (error instanceof GatewayError known) ? known
						: ErrorClassifier.internal(callId);
				return Flux.just(buffers.wrap(this.errors.sseFrame(gatewayError)));
			});
		// A failure before the first frame leaves the response uncommitted, so the error
		// handler can still send a proper status and JSON error body instead of a 200
		// event stream.
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			.body((message, ignored) -> message.writeAndFlushWith(frames.map(Mono::just)));
	}

}
