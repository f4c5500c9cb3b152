package dev.llmgw.gateway.engine;

import java.time.Duration;
import java.util.List;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.admission.ModelCallGate;
import dev.llmgw.gateway.budget.BudgetGate;
import dev.llmgw.gateway.routing.Failover;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderRegistry;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.routing.ConcurrencyLimits;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.routing.DeploymentStats;
import dev.llmgw.gateway.routing.ModelGroup;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.routing.Router;
import dev.llmgw.gateway.pricing.CostCalculator;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * One chat call in OpenAI form, whatever protocol the caller speaks (OpenAI chat, legacy
 * completions, Anthropic messages): admission through the {@link ModelCallGate}, the
 * provider call, and its usage and cost recorded for spend, with LiteLLM's cost and
 * key-spend headers.
 */
public final class ChatCalls {

	public static final String RESPONSE_COST_HEADER = "x-litellm-response-cost";

	static final String KEY_SPEND_HEADER = "x-litellm-key-spend";

	private final ModelCallGate gate;

	private final ProviderRegistry providers;

	private final PriceMap prices;

	private final KeySpendTracker keySpend;

	private final ModelRegistry models;

	private final Router router;

	private final DeploymentStats stats;

	private final ConcurrencyLimits limits;

	public ChatCalls(ModelCallGate gate, ProviderRegistry providers, PriceMap prices, KeySpendTracker keySpend,
			ModelRegistry models, Router router, DeploymentStats stats, ConcurrencyLimits limits) {
		this.limits = limits;
		this.models = models;
		this.router = router;
		this.stats = stats;
		this.gate = gate;
		this.providers = providers;
		this.prices = prices;
		this.keySpend = keySpend;
	}

	/**
	 * @param exchange the caller's request
	 * @param request the call in OpenAI form
	 * @param route the caller's route, for error messages
	 * @return the deployment that will answer, once admitted
	 */
	public Mono<Deployment> admit(ServerWebExchange exchange, ChatCompletionRequest request, String route) {
		String model = validate(request);
		return this.gate.admit(exchange, model, ModelCallGate.endUser(exchange, request.user()), route,
				BudgetGate.promptChars(request), BudgetGate.estimate(request));
	}

	/**
	 * A non-streaming call, with retries and fallbacks; its cost, at the price of the
	 * deployment that answered, is recorded and written in the response headers.
	 */
	public Mono<ChatResult> complete(ServerWebExchange exchange, ChatCompletionRequest request, Deployment deployment) {
		CallContext context = CallContext.of(exchange);
		ModelGroup group = this.models.find(model(request, deployment));
		Flux<ChatResult> call = failover(exchange, request, deployment, group).run(deployment,
				(chosen) -> timed(chosen, this.providers.forDeployment(chosen)
					.complete(new ProviderCall(chosen.withTimeoutsOf(request.extra()), request, context.callId()))),
				() -> true);
		return queued(request, group, deployment.timeout(), call).next().map((result) -> {
			Deployment answered = (context.deployment() != null) ? context.deployment() : deployment;
			context.usage(result.usage());
			double cost = CostCalculator.cost(this.prices.priceOf(answered), result.usage());
			context.cost(cost);
			writeKeySpend(exchange, context, cost);
			exchange.getResponse().getHeaders().set(RESPONSE_COST_HEADER, Double.toString(cost));
			return result;
		});
	}

	/**
	 * A streaming call's OpenAI frames. A failure before the first frame is retried or
	 * falls back like any call, and if none is left it is an error signal, so that the
	 * caller still gets a status code; once a frame went out the stream can only end. The
	 * usage is recorded however the stream ends.
	 */
	public Flux<byte[]> stream(ServerWebExchange exchange, ChatCompletionRequest request, Deployment deployment,
			StreamTally tally) {
		CallContext context = CallContext.of(exchange);
		// a stream's headers leave before its cost is known: the key's spend so far
		writeKeySpend(exchange, context, 0);
		ModelGroup group = this.models.find(model(request, deployment));
		Flux<byte[]> call = failover(exchange, request, deployment, group).run(deployment,
				(chosen) -> timedStream(chosen, this.providers.forDeployment(chosen)
					.stream(new ProviderCall(chosen.withTimeoutsOf(request.extra()), request, context.callId()), tally),
						tally),
				() -> !tally.started());
		return queued(request, group, deployment.streamTimeout(), call).doOnNext((frame) -> tally.markStarted())
			.doOnTerminate(() -> context.usage(usageOf(tally, request)))
			.doOnCancel(() -> context.usage(usageOf(tally, request)));
	}

	/**
	 * The call once its model group has a free slot: groups with a concurrency limit let
	 * waiting calls in by {@code priority}, then arrival.
	 */
	private <T> Flux<T> queued(ChatCompletionRequest request, @Nullable ModelGroup group, Duration maxWait,
			Flux<T> call) {
		if (group == null) {
			return call;
		}
		Integer priority = (request.extra().get("priority") instanceof Number number) ? number.intValue() : null;
		return this.limits.enter(group, priority, maxWait)
			.flatMapMany((release) -> call.doFinally((signal) -> release.run()));
	}

	/**
	 * The admitted model group, looked up once per call for both the queue and the
	 * failover (a wildcard group is built afresh on every lookup).
	 */
	private static String model(ChatCompletionRequest request, Deployment deployment) {
		return (request.model() != null) ? request.model() : deployment.modelName();
	}

	private Failover failover(ServerWebExchange exchange, ChatCompletionRequest request, Deployment deployment,
			@Nullable ModelGroup group) {
		return new Failover(exchange, this.router, this.models, request.extra(),
				(group != null) ? group : ModelGroup.of(deployment.modelName(), List.of(deployment)),
				BudgetGate.promptChars(request));
	}

	/** One non-streaming attempt, measured for the routing strategies. */
	private Mono<ChatResult> timed(Deployment deployment, Mono<ChatResult> call) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			this.stats.started(deployment);
			return call
				.doOnSuccess((result) -> this.stats.finished(deployment, System.nanoTime() - start,
						(result != null) ? result.usage().totalTokens() : 0))
				.doOnError((error) -> this.stats.failed(deployment))
				.doOnCancel(() -> this.stats.failed(deployment));
		});
	}

	/** One streaming attempt, measured by its time to first token. */
	private Flux<byte[]> timedStream(Deployment deployment, Flux<byte[]> call, StreamTally tally) {
		return Flux.defer(() -> {
			long start = System.nanoTime();
			long[] firstToken = { 0 };
			this.stats.started(deployment);
			return call.doOnNext((frame) -> {
				if (firstToken[0] == 0) {
					firstToken[0] = System.nanoTime() - start;
				}
			})
				.doOnComplete(() -> this.stats.finished(deployment, firstToken[0], tally.usage().totalTokens()))
				.doOnError((error) -> this.stats.failed(deployment))
				.doOnCancel(() -> this.stats.failed(deployment));
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
