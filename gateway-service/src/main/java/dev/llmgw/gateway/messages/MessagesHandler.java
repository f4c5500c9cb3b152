package dev.llmgw.gateway.messages;

import java.util.Map;

import dev.llmgw.gateway.api.JsonResponse;
import dev.llmgw.gateway.api.EventStreamResponse;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.model.anthropic.MessagesRequest;
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
 * {@code POST /v1/messages}: Anthropic's Messages API in front of any model in the
 * config, with the same keys, limits, budgets and spend as chat completions.
 */
public final class MessagesHandler {

	private final JsonBodyReader bodies;

	private final CallPipeline calls;

	private final JsonMapper mapper;

	private final AnthropicErrorBodies errors;

	private final AnthropicToOpenAiRequestTranslator requests;

	private final OpenAiToAnthropicResponseTranslator responses;

	public MessagesHandler(JsonBodyReader bodies, CallPipeline calls, JsonMapper mapper, AnthropicErrorBodies errors) {
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

	/**
	 * {@code POST /v1/messages/count_tokens}, which Claude Code asks before long
	 * requests: an estimate at about four characters a token, since the model behind the
	 * name may not be Anthropic's and no provider is called.
	 */
	public Mono<ServerResponse> countTokens(ServerRequest request) {
		return this.bodies.read(request.exchange(), MessagesRequest.class).flatMap((body) -> {
			MessagesRequest counted = (body.maxTokens() != null) ? body
					: new MessagesRequest(body.model(), body.messages(), body.system(), 1, null, null, null, null, null,
							body.tools(), body.toolChoice(), null, body.extra());
			long chars = CallPipeline.promptChars(this.requests.translate(counted));
			return ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("input_tokens", Math.max(1, (chars + 3) / 4)));
		});
	}

	private Mono<ServerResponse> complete(ServerWebExchange exchange, ChatCompletionRequest chat, Deployment deployment,
			String model) {
		return this.calls.complete(exchange, chat, deployment).flatMap((result) -> {
			ChatCompletion completion = this.mapper.readValue(result.body(), ChatCompletion.class);
			return JsonResponse.ok(this.mapper.writeValueAsBytes(this.responses.translate(completion, model)));
		});
	}

	private Mono<ServerResponse> stream(ServerWebExchange exchange, ChatCompletionRequest chat, Deployment deployment,
			String model) {
		StreamTally tally = new StreamTally();
		OpenAiToAnthropicStreamTranslator translator = new OpenAiToAnthropicStreamTranslator(this.mapper,
				"msg_" + CallContext.of(exchange).callId(), model);
		Flux<byte[]> events = this.calls.stream(exchange, chat, deployment, tally)
			.concatMapIterable(translator::onFrame)
			.concatWith(Flux.defer(() -> Flux.fromIterable(translator.onEnd())));
		return EventStreamResponse.of(exchange, events, tally, this.errors::event);
	}

}
