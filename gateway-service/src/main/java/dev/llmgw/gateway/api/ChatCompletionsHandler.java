package dev.llmgw.gateway.api;

import java.util.List;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.budget.BudgetGate;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderRegistry;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.routing.Deployment;
import dev.llmgw.gateway.spend.CostCalculator;
import dev.llmgw.gateway.spend.PriceMap;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
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

	static final String RESPONSE_COST_HEADER = "x-litellm-response-cost";

	static final String KEY_SPEND_HEADER = "x-litellm-key-spend";

	private static final Logger log = LoggerFactory.getLogger(ChatCompletionsHandler.class);

	private final JsonBodyReader bodies;

	private final ProviderRegistry providers;

	private final ErrorBodies errors;

	private final PriceMap prices;

	private final ModelCallGate gate;

	private final KeySpendTracker keySpend;

	public ChatCompletionsHandler(JsonBodyReader bodies, ModelCallGate gate, ProviderRegistry providers,
			ErrorBodies errors, PriceMap prices, KeySpendTracker keySpend) {
		this.keySpend = keySpend;
		this.gate = gate;
		this.bodies = bodies;
		this.providers = providers;
		this.errors = errors;
		this.prices = prices;
	}

	public Mono<ServerResponse> handle(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		String pathModel = request.pathVariables().get("model");
		return this.bodies.read(exchange, ChatCompletionRequest.class)
			.flatMap((body) -> call(exchange, (pathModel != null) ? body.withModel(pathModel) : body));
	}

	private Mono<ServerResponse> call(ServerWebExchange exchange, ChatCompletionRequest request) {
		String model = validate(request);
		return this.gate
			.admit(exchange, model, ModelCallGate.endUser(exchange, request.user()), "/chat/completions",
					BudgetGate.promptChars(request), BudgetGate.completionCap(request))
			.flatMap((deployment) -> relay(exchange, request, deployment, CallContext.of(exchange)));
	}

	private Mono<ServerResponse> relay(ServerWebExchange exchange, ChatCompletionRequest request, Deployment deployment,
			CallContext context) {
		ChatProvider provider = this.providers.forDeployment(deployment);
		ProviderCall call = new ProviderCall(deployment, request, context.callId());
		if (request.isStream()) {
			// a stream's headers leave before its cost is known: the key's spend so far
			writeKeySpend(exchange, context, 0);
			return stream(exchange, provider, call, context);
		}
		return provider.complete(call).flatMap((result) -> {
			context.usage(result.usage());
			double cost = CostCalculator.cost(this.prices.priceOf(deployment), result.usage());
			context.cost(cost);
			writeKeySpend(exchange, context, cost);
			return ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.header(RESPONSE_COST_HEADER, Double.toString(cost))
				.bodyValue(result.body());
		});
	}

	/**
	 * A stream's usage as the provider reported it; when it never did (servers that
	 * ignore stream_options), an estimate at about four characters a token, so that the
	 * call is still charged.
	 */
	static Usage usageOf(StreamTally tally, ChatCompletionRequest request) {
		if (tally.usage() != Usage.NONE || !tally.started()) {
			return tally.usage();
		}
		long promptChars = 0;
		List<ChatMessage> messages = request.messages();
		if (messages != null) {
			for (ChatMessage message : messages) {
				promptChars += (message != null) ? message.text().length() : 0;
			}
		}
		return Usage.of(promptChars / 4 + 1, Math.max(1, tally.estimatedCompletionChars() / 4));
	}

	/**
	 * {@code x-litellm-key-spend}: the key's spend including this call, as this instance
	 * knows it.
	 */
	private void writeKeySpend(ServerWebExchange exchange, CallContext context, double cost) {
		CallerIdentity caller = context.caller();
		if (caller != null && caller.keyHash() != null) {
			double spend = this.keySpend.current(caller.keyHash(), caller.keySpend()) + cost;
			exchange.getResponse().getHeaders().set(KEY_SPEND_HEADER, Double.toString(spend));
		}
	}

	private Mono<ServerResponse> stream(ServerWebExchange exchange, ChatProvider provider, ProviderCall call,
			CallContext context) {
		DataBufferFactory buffers = exchange.getResponse().bufferFactory();
		StreamTally tally = new StreamTally();
		Flux<DataBuffer> frames = provider.stream(call, tally).map((frame) -> {
			tally.markStarted();
			return buffers.wrap(frame);
		}).onErrorResume((error) -> {
			if (!tally.started()) {
				return Flux.error(error);
			}
			log.warn("call_id={} stream failed after it started: {}", context.callId(), error.toString());
			GatewayError gatewayError = (error instanceof GatewayError known) ? known
					: ErrorClassifier.internal(context.callId());
			return Flux.just(buffers.wrap(this.errors.sseFrame(gatewayError)));
		})
			.doOnTerminate(() -> context.usage(usageOf(tally, call.request())))
			.doOnCancel(() -> context.usage(usageOf(tally, call.request())));
		// A failure before the first frame leaves the response uncommitted, so the error
		// handler can still send
		// a proper status and JSON error body instead of a 200 event stream.
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			.body((message, ignored) -> message.writeAndFlushWith(frames.map(Mono::just)));
	}

	private static String validate(ChatCompletionRequest request) {
		String model = request.model();
		if (model == null || model.isBlank()) {
			throw new BadRequestError("Missing required parameter: 'model'", null, "model");
		}
		List<ChatMessage> messages = request.messages();
		if (messages == null || messages.isEmpty()) {
			throw new BadRequestError("Missing required parameter: 'messages' (a non-empty list)", null, "messages");
		}
		for (int i = 0; i < messages.size(); i++) {
			@Nullable ChatMessage message = messages.get(i);
			if (message == null || message.role() == null) {
				throw new BadRequestError("Invalid message at messages[" + i + "]: 'role' is required", null,
						"messages");
			}
		}
		return model;
	}

}
