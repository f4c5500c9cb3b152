package dev.llmgw.gateway.completions;

import dev.llmgw.gateway.api.ErrorBodies;
import dev.llmgw.gateway.api.EventStreamResponse;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatCompletionRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /v1/completions}: a legacy text completion, answered by the model group's
 * chat deployment with the same admission and spend as chat.
 */
public final class CompletionsHandler {

	private final JsonBodyReader bodies;

	private final CallPipeline calls;

	private final ErrorBodies errors;

	private final JsonMapper mapper;

	private final PromptToChatTranslator requests = new PromptToChatTranslator();

	private final ChatToTextCompletionTranslator responses;

	public CompletionsHandler(JsonBodyReader bodies, CallPipeline calls, ErrorBodies errors, JsonMapper mapper) {
		this.bodies = bodies;
		this.calls = calls;
		this.errors = errors;
		this.mapper = mapper;
		this.responses = new ChatToTextCompletionTranslator(mapper);
	}

	public Mono<ServerResponse> handle(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		String pathModel = request.pathVariables().get("model");
		return this.bodies.readObject(exchange).flatMap((body) -> {
			if (pathModel != null) {
				body.put("model", pathModel);
			}
			boolean wantsUsage = body.get("stream_options") instanceof java.util.Map<?, ?> options
					&& Boolean.TRUE.equals(options.get("include_usage"));
			ChatCompletionRequest chat = this.requests.translate(body);
			return this.calls.admit(exchange, chat, "/completions")
				.flatMap((deployment) -> chat.isStream() ? stream(exchange, chat, deployment, wantsUsage)
						: complete(exchange, chat, deployment));
		});
	}

	private Mono<ServerResponse> complete(ServerWebExchange exchange, ChatCompletionRequest chat,
			Deployment deployment) {
		return this.calls.complete(exchange, chat, deployment)
			.flatMap((result) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(this.responses.translate(this.mapper.readValue(result.body(), ChatCompletion.class))));
	}

	private Mono<ServerResponse> stream(ServerWebExchange exchange, ChatCompletionRequest chat, Deployment deployment,
			boolean wantsUsage) {
		StreamTally tally = new StreamTally();
		Flux<byte[]> frames = this.calls.stream(exchange, chat, deployment, tally).handle((frame, sink) -> {
			byte[] translated = this.responses.translateFrame(frame, wantsUsage);
			if (translated != null) {
				sink.next(translated);
			}
		});
		return EventStreamResponse.of(exchange, frames, tally, this.errors::sseFrame);
	}

}
