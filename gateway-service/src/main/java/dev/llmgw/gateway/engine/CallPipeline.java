package dev.llmgw.gateway.engine;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.pricing.CostCalculator;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.FilesCall;
import dev.llmgw.gateway.providers.ImageCall;
import dev.llmgw.gateway.providers.MockResponses;
import dev.llmgw.gateway.providers.ModerationCall;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderRegistry;
import dev.llmgw.gateway.providers.RerankAnswer;
import dev.llmgw.gateway.providers.RerankCall;
import dev.llmgw.gateway.providers.RerankRequest;
import dev.llmgw.gateway.providers.SpeechCall;
import dev.llmgw.gateway.providers.TranscriptionCall;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.gateway.web.CallerInput;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.EmbeddingRequest;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * One model call from admission to account, whatever the front end (OpenAI chat, legacy
 * completions, Anthropic messages, embeddings, images), as named stages:
 * <ol>
 * <li>admit ({@link AdmitStage}: access, rate limits, budgets, the first deployment)</li>
 * <li>pre-call guardrails ({@link GuardrailStage})</li>
 * <li>cache lookup ({@link CacheStage}), and on a miss:</li>
 * <li>route and call, with retries and fallbacks ({@link DispatchStage}), cache
 * store</li>
 * <li>post-call guardrails, on fresh and cached answers alike</li>
 * <li>account: the cost and LiteLLM's cost and key-spend headers now, the
 * {@link CallRecord} to the {@link CallListener}s when the response has ended
 * ({@link CallEndFilter})</li>
 * </ol>
 * The front ends only translate their wire format in and out. Admission is its own step
 * so that a refusal is an error status before a stream starts.
 */
public final class CallPipeline {

	public static final String RESPONSE_COST_HEADER = "x-litellm-response-cost";

	static final String KEY_SPEND_HEADER = "x-litellm-key-spend";

	private final AdmitStage admission;

	private final CacheStage cache;

	private final GuardrailStage guardrails;

	private final DispatchStage dispatch;

	private final ProviderRegistry providers;

	private final PriceMap prices;

	private final KeySpendTracker keySpend;

	/** Whether streams' frames are kept for listeners that read the bodies. */
	private final boolean keepFrames;

	public CallPipeline(AdmitStage admission, CacheStage cache, GuardrailStage guardrails, DispatchStage dispatch,
			ProviderRegistry providers, PriceMap prices, KeySpendTracker keySpend, boolean keepFrames) {
		this.keepFrames = keepFrames;
		this.admission = admission;
		this.cache = cache;
		this.guardrails = guardrails;
		this.dispatch = dispatch;
		this.providers = providers;
		this.prices = prices;
		this.keySpend = keySpend;
	}

	/**
	 * Admits a chat call.
	 * @param exchange the caller's request
	 * @param request the call in OpenAI form
	 * @param route the caller's route, for error messages
	 * @return the deployment that will answer, once admitted
	 */
	public Mono<Deployment> admit(ServerWebExchange exchange, ChatCompletionRequest request, String route) {
		String model = validate(request);
		Estimate estimate = PromptBound.estimate(request);
		return admit(exchange, new ModelCall(CallKind.CHAT, request, model, ModelCall.endUser(exchange, request.user()),
				route, promptChars(request), (deployment) -> estimate, request.extra()));
	}

	/** Admits any model call: the first stage. */
	public Mono<Deployment> admit(ServerWebExchange exchange, ModelCall call) {
		// the model name and end user go into spend rows: refused here, as the caller
		// sent them, rather than by the database after the answer
		CallerInput.check("model", call.model());
		CallerInput.check("user", call.endUser());
		this.cache.check(call);
		CallState state = CallState.start(exchange, call, this.keepFrames);
		long admitting = System.nanoTime();
		// timed before the answer goes on: what follows runs inside the same signal
		return this.admission.admit(exchange, call, state::deployment)
			.doOnSuccess((deployment) -> state.admitted(admitting, System.nanoTime()))
			.doOnError((failure) -> {
				state.admitted(admitting, System.nanoTime());
				state.failed(failure);
			});
	}

	/**
	 * A non-streaming chat call, with retries and fallbacks; its cost, at the price of
	 * the deployment that answered, goes in the response headers.
	 */
	public Mono<ChatResult> complete(ServerWebExchange exchange, ChatCompletionRequest request, Deployment deployment) {
		return complete(exchange, request, deployment, (provider, call) -> provider.complete(call));
	}

	/**
	 * A non-streaming call whose every attempt is the front end's own (the Responses
	 * API's native pass-through), through the same retries, fallbacks and accounting.
	 * @param attempt asks the chosen deployment's adapter; the call carries the request
	 * as the guardrails let it through
	 */
	public Mono<ChatResult> complete(ServerWebExchange exchange, ChatCompletionRequest request, Deployment deployment,
			BiFunction<ChatProvider, ProviderCall, Mono<ChatResult>> attempt) {
		CallState state = CallState.require(exchange);
		String callId = CallContext.of(exchange).callId();
		// the provider is asked what the guardrails let through (a masked prompt)
		Function<ModelCall, Mono<ChatResult>> routed = (checked) -> {
			ChatCompletionRequest asked = (ChatCompletionRequest) checked.request();
			return this.dispatch
				.answer(exchange, checked, deployment,
						(chosen) -> attempt.apply(this.providers.forDeployment(chosen),
								new ProviderCall(chosen.withTimeoutsOf(asked.extra()), asked, callId)),
						state::attempting)
				.next();
		};
		return answer(exchange, state, routed, (result) -> account(exchange, state, result, deployment, true));
	}

	/**
	 * A streaming chat call's OpenAI frames. A failure before the first frame is retried
	 * or falls back like any call, and if none is left it is an error signal, so that the
	 * caller still gets a status code; once a frame went out the stream can only end. The
	 * usage is recorded however the stream ends.
	 */
	public Flux<byte[]> stream(ServerWebExchange exchange, ChatCompletionRequest request, Deployment deployment,
			StreamTally tally) {
		return stream(exchange, request, deployment, tally, (provider, call) -> provider.stream(call, tally));
	}

	/**
	 * A streaming call whose every attempt is the front end's own (the Responses API's
	 * native pass-through), through the same retries, fallbacks and accounting; the
	 * attempt fills the tally's usage.
	 */
	public Flux<byte[]> stream(ServerWebExchange exchange, ChatCompletionRequest request, Deployment deployment,
			StreamTally tally, BiFunction<ChatProvider, ProviderCall, Flux<byte[]>> attempt) {
		CallState state = CallState.require(exchange);
		state.streaming();
		ModelCall call = state.call();
		String callId = CallContext.of(exchange).callId();
		// a stream's headers leave before its cost is known: the key's spend so far
		writeKeySpend(exchange, 0);
		Function<ModelCall, Flux<byte[]>> routed = (checked) -> {
			ChatCompletionRequest asked = (ChatCompletionRequest) checked.request();
			return this.dispatch.stream(exchange, checked, deployment,
					(chosen) -> attempt.apply(this.providers.forDeployment(chosen),
							new ProviderCall(chosen.withTimeoutsOf(asked.extra()), asked, callId)),
					tally, state::attempting);
		};
		return this.guardrails.beforeCall(exchange, call)
			.doOnNext(state::checked)
			.flatMapMany((checked) -> this.guardrails.aroundStream(exchange, checked, Flux
				.defer(() -> this.cache.stream(exchange, checked, routed.apply(checked), tally, outcome(state, tally))),
					tally))
			.doOnNext((frame) -> {
				state.relayed(frame);
				if (!tally.started()) {
					state.firstByte();
					tally.markStarted();
				}
			})
			.doOnError(state::failed)
			.doOnTerminate(() -> streamed(exchange, state, usageOf(tally, call), deployment))
			.doOnCancel(() -> streamed(exchange, state, usageOf(tally, call), deployment));
	}

	/**
	 * Whether the admitted call goes to its provider and back untouched: no guardrail
	 * reads or masks it, the cache neither answers nor keeps it, and no mock answers it.
	 * Only such a call may be passed through in a form the stages cannot read (the
	 * Responses API's native pass-through).
	 */
	public boolean passesUnchanged(ServerWebExchange exchange) {
		ModelCall call = CallState.require(exchange).call();
		return !this.guardrails.takesPart(exchange, call) && !this.cache.takesPart(call)
				&& !MockResponses.requested(call.fields());
	}

	/**
	 * An embeddings call, with retries and fallbacks, priced at the model's input price.
	 */
	public Mono<ChatResult> embed(ServerWebExchange exchange, EmbeddingRequest request, Deployment deployment) {
		CallState state = CallState.require(exchange);
		ModelCall call = state.call();
		String callId = CallContext.of(exchange).callId();
		Function<EmbeddingRequest, Mono<ChatResult>> called = (
				inputs) -> this.dispatch
					.answer(exchange, call, deployment,
							(chosen) -> this.providers.forDeployment(chosen)
								.embed(new EmbeddingCall(chosen, inputs, callId)),
							state::attempting)
					.next();
		return this.guardrails.beforeCall(exchange, call)
			.doOnNext(state::checked)
			.flatMap((checked) -> this.guardrails.around(exchange, checked,
					Mono.defer(() -> this.cache.embed(exchange, checked, (EmbeddingRequest) checked.request(), called,
							outcome(state, null)))
						.map((result) -> account(exchange, state, result, deployment, false))))
			.doOnError(state::failed);
	}

	/**
	 * A rerank, with retries and fallbacks, priced per search unit
	 * ({@code input_cost_per_query}). The guardrails check (and may mask) the query and
	 * the documents before the call; the cache answers and keeps reranks as it does chat
	 * ({@code rerank} in {@code supported_call_types}).
	 */
	public Mono<ChatResult> rerank(ServerWebExchange exchange, RerankRequest request, Deployment deployment) {
		CallState state = CallState.require(exchange);
		String callId = CallContext.of(exchange).callId();
		return this.guardrails.beforeCall(exchange, state.call())
			.doOnNext(state::checked)
			.flatMap((checked) -> this.guardrails.around(exchange, checked, Mono.defer(() -> {
				RerankRequest asked = (RerankRequest) checked.request();
				Mono<ChatResult> called = this.dispatch
					.answer(exchange, checked, deployment,
							(chosen) -> this.providers.forDeployment(chosen)
								.rerank(new RerankCall(chosen, asked, callId)),
							state::attempting)
					.next();
				return this.cache.answer(exchange, checked, called, outcome(state, null));
			}).map((result) -> {
				Deployment answered = (state.deployment() != null) ? state.deployment() : deployment;
				Object units = result.usage().extra().get(RerankAnswer.SEARCH_UNITS);
				double cost = state.cacheHit() ? 0
						: this.prices.queryCost(answered, (units instanceof Number n) ? n.longValue() : 1);
				return charged(exchange, state, result, cost);
			})))
			.doOnError(state::failed);
	}

	/**
	 * A moderation, with retries and fallbacks. It costs nothing (OpenAI does not charge
	 * for it) but is logged and counted against rate limits like any call; neither the
	 * guardrails (it is itself a check) nor the cache take part, as in LiteLLM.
	 */
	public Mono<ChatResult> moderate(ServerWebExchange exchange, Map<String, @Nullable Object> request,
			Deployment deployment) {
		CallState state = CallState.require(exchange);
		String callId = CallContext.of(exchange).callId();
		return this.dispatch
			.answer(exchange, state.call(), deployment,
					(chosen) -> this.providers.forDeployment(chosen)
						.moderate(new ModerationCall(chosen, request, callId)),
					state::attempting)
			.next()
			.map((result) -> charged(exchange, state, result, 0))
			.doOnError(state::failed);
	}

	/**
	 * A request to a provider's Files or Batch API on the deployment that holds (or will
	 * hold) the object: no retries elsewhere, since a file lives in one account; no cost
	 * (a batch's calls are the provider's to bill).
	 */
	public Mono<ChatResult> files(ServerWebExchange exchange, FilesCall call) {
		CallState state = CallState.require(exchange);
		state.attempting(call.deployment());
		return this.providers.forDeployment(call.deployment())
			.files(call)
			.map((result) -> charged(exchange, state, result, 0))
			.doOnError(state::failed);
	}

	/**
	 * A transcription, with retries and fallbacks (each attempt reads the upload again).
	 * It is priced per second heard ({@code input_cost_per_second}, as {@code whisper-1})
	 * when the provider says how long the audio was, else by its tokens; neither the
	 * guardrails nor the cache take part.
	 * @param attempt the call for a chosen deployment
	 */
	public Mono<ChatResult> transcribe(ServerWebExchange exchange, Deployment deployment,
			BiFunction<Deployment, String, TranscriptionCall> attempt) {
		CallState state = CallState.require(exchange);
		String callId = CallContext.of(exchange).callId();
		return this.dispatch
			.answer(exchange, state.call(), deployment,
					(chosen) -> this.providers.forDeployment(chosen).transcribe(attempt.apply(chosen, callId)),
					state::attempting)
			.next()
			.map((result) -> {
				Deployment answered = (state.deployment() != null) ? state.deployment() : deployment;
				Object seconds = result.usage().extra().get(TranscriptionCall.AUDIO_SECONDS);
				Double perSecond = this.prices.secondPrice(answered);
				double cost = (seconds instanceof Number heard && perSecond != null) ? perSecond * heard.doubleValue()
						: CostCalculator.cost(this.prices.priceOf(answered), result.usage());
				return charged(exchange, state, result, cost);
			})
			.doOnError(state::failed);
	}

	/**
	 * A text-to-speech call: the audio streams as the provider sends it, with retries and
	 * fallbacks until its first bytes. It is priced per character read
	 * ({@code input_cost_per_character}), else by the text's tokens at the model's token
	 * price, however the stream ends; neither the guardrails nor the cache take part.
	 */
	public Flux<byte[]> speak(ServerWebExchange exchange, Map<String, @Nullable Object> request, Deployment deployment,
			StreamTally tally, long characters) {
		CallState state = CallState.require(exchange);
		state.streaming();
		String callId = CallContext.of(exchange).callId();
		Runnable ended = () -> {
			Deployment answered = (state.deployment() != null) ? state.deployment() : deployment;
			Double perCharacter = this.prices.characterPrice(answered);
			Usage usage = Usage.of(characters / 4 + 1, 0);
			double cost = (perCharacter != null) ? perCharacter * characters
					: CostCalculator.cost(this.prices.priceOf(answered), usage);
			state.streamed(usage, cost);
			this.admission.answered(exchange, usage, cost);
		};
		return this.dispatch
			.stream(exchange, state.call(), deployment,
					(chosen) -> this.providers.forDeployment(chosen).speak(new SpeechCall(chosen, request, callId)),
					tally, state::attempting)
			.doOnNext((bytes) -> {
				if (!tally.started()) {
					state.firstByte();
					tally.markStarted();
				}
			})
			.doOnError(state::failed)
			.doOnTerminate(ended)
			.doOnCancel(ended);
	}

	/**
	 * An image generation on the admitted deployment (no retries: a half-made image is
	 * paid for), priced per image.
	 */
	public Mono<ChatResult> images(ServerWebExchange exchange, Map<String, @Nullable Object> request,
			Deployment deployment) {
		CallState state = CallState.require(exchange);
		String callId = CallContext.of(exchange).callId();
		ImageCall[] sent = new ImageCall[1];
		return this.guardrails.beforeCall(exchange, state.call()).doOnNext(state::checked).flatMap((checked) -> {
			// the prompt as the guardrails let it through
			@SuppressWarnings("unchecked")
			Map<String, @Nullable Object> prompt = (checked.request() instanceof Map<?, ?> map)
					? (Map<String, @Nullable Object>) map : request;
			sent[0] = new ImageCall(deployment, prompt, callId);
			return this.providers.forDeployment(deployment).generateImages(sent[0]);
		}).map((result) -> {
			ImageCall call = sent[0];
			return charged(exchange, state, result,
					this.prices.imageCost(deployment, call.size(), call.quality(), call.count()));
		}).doOnError(state::failed);
	}

	/**
	 * The stages around the provider call of a call answered at once. The answer is
	 * charged as it comes, before the post-call guardrails: a provider's answer that a
	 * guardrail then refuses was paid for, and counts against budgets and spend.
	 */
	private Mono<ChatResult> answer(ServerWebExchange exchange, CallState state,
			Function<ModelCall, Mono<ChatResult>> routed, Function<ChatResult, ChatResult> accounted) {
		return this.guardrails.beforeCall(exchange, state.call())
			.doOnNext(state::checked)
			.flatMap((checked) -> this.guardrails.around(exchange, checked,
					Mono.defer(() -> this.cache.answer(exchange, checked, routed.apply(checked), outcome(state, null)))
						.map(accounted)))
			.doOnNext((result) -> state.sent(result.body()))
			.doOnError(state::failed);
	}

	/**
	 * What the cache reports goes into the call's state; a stream's cached usage also
	 * into its tally, which the stream's end reads.
	 */
	private static CacheStage.Outcome outcome(CallState state, @Nullable StreamTally tally) {
		return new CacheStage.Outcome() {

			@Override
			public void keyed(String key) {
				state.cacheKey(key);
			}

			@Override
			public void looked(long startNanos, long endNanos) {
				state.cacheLooked(startNanos, endNanos);
			}

			@Override
			public void hit(Usage usage) {
				state.cacheHit(true);
				if (tally != null) {
					tally.usage(usage);
				}
			}

			@Override
			public @Nullable String group() {
				Deployment deployment = state.deployment();
				return (deployment != null) ? deployment.modelName() : null;
			}

		};
	}

	/**
	 * The call's cost at the price of the deployment that answered, in
	 * {@code x-litellm-response-cost} (and for chat the key's spend including it).
	 */
	private ChatResult account(ServerWebExchange exchange, CallState state, ChatResult result, Deployment admitted,
			boolean keySpendHeader) {
		Deployment answered = (state.deployment() != null) ? state.deployment() : admitted;
		double cost = state.cacheHit() ? 0 : CostCalculator.cost(this.prices.priceOf(answered), result.usage());
		if (keySpendHeader) {
			writeKeySpend(exchange, cost);
		}
		return charged(exchange, state, result, cost);
	}

	/**
	 * Records an answer at its cost, whatever priced it (tokens, images, search units):
	 * the call's record, admission (budgets, token limits) and
	 * {@code x-litellm-response-cost}.
	 */
	private ChatResult charged(ServerWebExchange exchange, CallState state, ChatResult result, double cost) {
		state.answered(result.usage(), cost, result.body());
		this.admission.answered(exchange, result.usage(), cost);
		exchange.getResponse().getHeaders().set(RESPONSE_COST_HEADER, Double.toString(cost));
		return result;
	}

	/**
	 * A stream's end, however it ended: its usage priced at the deployment that answered,
	 * and admission told.
	 */
	private void streamed(ServerWebExchange exchange, CallState state, Usage usage, Deployment admitted) {
		Deployment answered = (state.deployment() != null) ? state.deployment() : admitted;
		// a cached answer costs nothing, as LiteLLM records it
		double cost = state.cacheHit() ? 0 : CostCalculator.cost(this.prices.priceOf(answered), usage);
		state.streamed(usage, cost);
		this.admission.answered(exchange, usage, cost);
	}

	/**
	 * {@code x-litellm-key-spend}: the key's spend including this call, as this instance
	 * knows it.
	 */
	private void writeKeySpend(ServerWebExchange exchange, double cost) {
		CallerIdentity caller = CallerIdentity.of(exchange);
		if (caller != null && caller.keyHash() != null) {
			double spend = this.keySpend.current(caller.keyHash(), caller.keySpend()) + cost;
			exchange.getResponse().getHeaders().set(KEY_SPEND_HEADER, Double.toString(spend));
		}
	}

	/** A chat request's prompt, in characters, for the context-window check. */
	public static long promptChars(ChatCompletionRequest request) {
		long characters = 0;
		List<ChatMessage> messages = request.messages();
		if (messages != null) {
			for (ChatMessage message : messages) {
				characters += (message != null) ? message.text().length() : 0;
			}
		}
		return characters;
	}

	/**
	 * A stream's usage as the provider reported it; when it never did (servers that
	 * ignore stream_options), an estimate at about four characters a token, so that the
	 * call is still charged.
	 */
	static Usage usageOf(StreamTally tally, ModelCall call) {
		if (tally.usage() != Usage.NONE || !tally.providerStarted()) {
			return tally.usage();
		}
		return Usage.of(call.promptChars() / 4 + 1, Math.max(1, tally.estimatedCompletionChars() / 4));
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
