package dev.llmgw.gateway.messages;

import dev.llmgw.gateway.api.ChatCalls;
import dev.llmgw.gateway.api.ErrorClassifier;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.routing.Deployment;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.model.anthropic.MessagesRequest;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatCompletionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /v1/messages}: Anthropic's Messages API in front of any model in the
 * config, with the same keys, limits, budgets and spend as chat completions.
 */
public final class MessagesHandler {

	private static final Logger log = LoggerFactory.getLogger(MessagesHandler.class);

	private final JsonBodyReader bodies;

	private final ChatCalls calls;

	private final JsonMapper mapper;

	private final AnthropicErrorBodies errors;

	private final AnthropicToOpenAiRequestTranslator requests;

	private final OpenAiToAnthropicResponseTranslator responses;

	public MessagesHandler(JsonBodyReader bodies, ChatCalls calls, JsonMapper mapper, AnthropicErrorBodies errors) {
		this.bodies = bodies;
		this.calls = calls;
		this.mapper = mapper;
		this.errors = errors;
		this.requests = new AnthropicToOpenAiRequestTranslator(mapper);
		this.responses = new OpenAiToAnthropicResponseTranslator(mapper);
	}

	public Mono<ServerResponse> handle(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		return this.bodies.read(exchange, MessagesRequest.class).flatMap((body) -> {
			ChatCompletionRequest chat = this.requests.translate(body);
			return this.calls.admit(exchange, chat, "/v1/messages")
				.flatMap((deployment) -> body.isStream() ? stream(exchange, chat, deployment, body.model())
						: complete(exchange, chat, deployment, body.model()));
		});
	}

	private Mono<ServerResponse> complete(ServerWebExchange exchange, ChatCompletionRequest chat, Deployment deployment,
			String model) {
		return this.calls.complete(exchange, chat, deployment).flatMap((result) -> {
			ChatCompletion completion = this.mapper.readValue(result.body(), ChatCompletion.class);
			return ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(this.mapper.writeValueAsBytes(this.responses.translate(completion, model)));
		});
	}

	private Mono<ServerResponse> stream(ServerWebExchange exchange, ChatCompletionRequest chat, Deployment deployment,
			String model) {
		DataBufferFactory buffers = exchange.getResponse().bufferFactory();
		StreamTally tally = new StreamTally();
		String callId = CallContext.of(exchange).callId();
		OpenAiToAnthropicStreamTranslator translator = new OpenAiToAnthropicStreamTranslator(this.mapper,
				"msg_" + callId, model);
		Flux<DataBuffer> events = this.calls.stream(exchange, chat, deployment, tally)
			.concatMapIterable(translator::onFrame)
			.concatWith(Flux.defer(() -> Flux.fromIterable(translator.onEnd())))
			.map(buffers::wrap)
			.onErrorResume((error) -> {
				if (!tally.started()) {
					return Flux.error(error);
				}
				log.warn("call_id={} stream failed after it started: {}", callId, error.toString());
				GatewayError gatewayError = (error instanceof GatewayError known) ? known
						: ErrorClassifier.internal(callId);
				return Flux.just(buffers.wrap(this.errors.event(gatewayError)));
			});
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			.body((message, ignored) -> message.writeAndFlushWith(events.map(Mono::just)));
	}

}
