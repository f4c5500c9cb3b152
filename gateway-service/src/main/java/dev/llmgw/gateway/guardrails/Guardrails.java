package dev.llmgw.gateway.guardrails;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.gateway.web.CallLog;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.GuardrailOutcome;
import dev.llmgw.gateway.engine.GuardrailOutcomes;
import dev.llmgw.gateway.engine.GuardrailStage;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.GuardrailViolationError;
import dev.llmgw.gateway.error.ServiceUnavailableError;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.StreamAssembler;
import dev.llmgw.gateway.providers.StreamReplay;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.web.ExchangeAttribute;
import dev.llmgw.model.openai.ChatCompletionRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.server.ServerWebExchange;

/**
 * LiteLLM's {@code guardrails:} as the pipeline's guardrail stage. Which run on a call:
 * every {@code default_on} one, and those the request names ({@code "guardrails":
 * ["name"]} at the top of the body or in {@code metadata}); a name that is not configured
 * is a 400 naming it. {@code pre_call} ones check the prompt in config order, each seeing
 * what the one before let through (masked); {@code during_call} ones check it while the
 * provider answers and hold the answer until they pass; {@code post_call} ones check the
 * answer (a stream is held whole, so that a refused one is an error status and never a
 * stream ended as a success). A refusal is LiteLLM's 400 {@code Violated guardrail
 * policy}; a guardrail that cannot answer refuses with a 503 naming it, or lets the call
 * go on when it is set {@code fail_on_error: false}; both are counted.
 * {@code x-litellm-applied-guardrails} names every guardrail that ran.
 */
public final class Guardrails implements GuardrailStage, AutoCloseable {

	public static final String APPLIED_HEADER = "x-litellm-applied-guardrails";

	private static final Logger log = LoggerFactory.getLogger(Guardrails.class);

	/**
	 * The most of a stream held for a post_call check: a long answer is tens of KB; many
	 * held streams of this size still fit the heap.
	 */
	static final long MAX_HELD_BYTES = 4L * 1024 * 1024;

	private static final ExchangeAttribute<Selection> SELECTION = ExchangeAttribute.of(Guardrails.class,
			Selection.class);

	private final List<Guardrail> all;

	private final Map<String, Guardrail> byName = new LinkedHashMap<>();

	private final JsonMapper mapper;

	private final AtomicLong blocked = new AtomicLong();

	private final AtomicLong failedClosed = new AtomicLong();

	private final AtomicLong failedOpen = new AtomicLong();

	private final @Nullable AutoCloseable clients;

	/**
	 * @param guardrails the configured guardrails, in config order; none is a stage that
	 * adds nothing to a call but refusing guardrail names
	 * @param mapper reads and writes answers
	 * @param clients what the guardrails call through, closed with the stage
	 */
	Guardrails(List<Guardrail> guardrails, JsonMapper mapper, @Nullable AutoCloseable clients) {
		this.clients = clients;
		this.all = List.copyOf(guardrails);
		this.all.forEach((guardrail) -> this.byName.put(guardrail.spec().name(), guardrail));
		this.mapper = mapper;
	}

	@Override
	public void close() throws Exception {
		if (this.clients != null) {
			this.clients.close();
		}
	}

	List<Guardrail> all() {
		return this.all;
	}

	/**
	 * Calls refused, guardrails that could not answer and refused, and that let calls go
	 * on.
	 */
	Map<String, Long> counts() {
		return Map.of("blocked", this.blocked.get(), "failed_closed", this.failedClosed.get(), "failed_open",
				this.failedOpen.get());
	}

	@Override
	public Mono<ModelCall> beforeCall(ServerWebExchange exchange, ModelCall call) {
		Selection selection = select(exchange, call);
		if (selection.isEmpty()) {
			return Mono.just(call);
		}
		SELECTION.put(exchange, selection);
		// written once, as the response commits: guardrails finish on several threads,
		// and
		// response headers are not for concurrent writers
		exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> {
			List<String> names = GuardrailOutcomes.names(exchange);
			if (!names.isEmpty()) {
				exchange.getResponse().getHeaders().set(APPLIED_HEADER, String.join(",", names));
			}
		}));
		List<Guardrail> pre = selection.in(GuardrailSpec.Mode.PRE_CALL);
		if (pre.isEmpty()) {
			return Mono.just(call);
		}
		return check(exchange, pre, GuardrailSpec.Mode.PRE_CALL, Guardrail.Source.INPUT,
				CallTexts.prompt(call.request()))
			.map((checked) -> checked.masked() ? call.withRequest(CallTexts.withPrompt(call.request(), checked.texts()))
					: call);
	}

	@Override
	public boolean takesPart(ServerWebExchange exchange, ModelCall call) {
		return !select(exchange, call).isEmpty();
	}

	@Override
	public Mono<ChatResult> around(ServerWebExchange exchange, ModelCall call, Mono<ChatResult> answer) {
		Selection selection = SELECTION.get(exchange);
		if (selection == null || selection.isEmpty()) {
			return answer;
		}
		// during_call: the check and the answer together; a refusal cancels the call
		Mono<ChatResult> answered = selection.in(GuardrailSpec.Mode.DURING_CALL).isEmpty() ? answer
				: Mono.zip(answer, during(exchange, call, selection)).map((both) -> both.getT1());
		List<Guardrail> post = selection.in(GuardrailSpec.Mode.POST_CALL);
		if (post.isEmpty() || call.kind() != CallKind.CHAT) {
			return answered;
		}
		return answered.flatMap((result) -> afterAnswer(exchange, post, result));
	}

	@Override
	public Flux<byte[]> aroundStream(ServerWebExchange exchange, ModelCall call, Flux<byte[]> frames,
			StreamTally tally) {
		Selection selection = SELECTION.get(exchange);
		if (selection == null || selection.isEmpty()) {
			return frames;
		}
		Flux<byte[]> gated = frames;
		if (!selection.in(GuardrailSpec.Mode.DURING_CALL).isEmpty()) {
			gated = Flux.defer(() -> {
				// the check starts with the call; each frame waits for it, and its
				// refusal cancels the call
				Mono<Boolean> check = during(exchange, call, selection).cache();
				return Flux.merge(check.thenMany(Flux.<byte[]>empty()), frames.delayUntil((frame) -> check));
			});
		}
		List<Guardrail> post = selection.in(GuardrailSpec.Mode.POST_CALL);
		if (post.isEmpty()) {
			return gated;
		}
		boolean withUsage = call.request() instanceof ChatCompletionRequest chat && chat.wantsUsageInStream();
		Flux<byte[]> checkedFrames = gated;
		return Mono.defer(() -> {
			long[] held = { 0 };
			return checkedFrames.doOnNext((frame) -> {
				held[0] += frame.length;
				if (held[0] > MAX_HELD_BYTES) {
					throw new ServiceUnavailableError(
							"The answer is longer than the post_call guardrails check ("
									+ MAX_HELD_BYTES / (1024 * 1024) + " MB of stream); it was not sent",
							"guardrail_unavailable", post.get(0).spec().name());
				}
			}).collectList();
		}).flatMapMany((all) -> {
			StreamAssembler assembler = new StreamAssembler(this.mapper);
			all.forEach(assembler::accept);
			String whole = assembler.completion(tally.usage());
			if (whole == null) {
				// an answer that cannot be put together cannot be checked: refused, as a
				// guardrail that cannot answer refuses
				return Flux.error(new ServiceUnavailableError(
						"The answer could not be checked by the post_call guardrails (the stream did not end as a "
								+ "whole answer); it was not sent",
						"guardrail_unavailable", post.get(0).spec().name()));
			}
			JsonNode completion = parse(whole);
			List<String> texts = CallTexts.answer(completion);
			return check(exchange, post, GuardrailSpec.Mode.POST_CALL, Guardrail.Source.OUTPUT, texts)
				.flatMapMany((checked) -> {
					if (!checked.masked()) {
						return Flux.fromIterable(all);
					}
					JsonNode masked = parse(new String(CallTexts.withAnswer(this.mapper, completion, checked.texts()),
							StandardCharsets.UTF_8));
					return Flux.fromIterable(StreamReplay.frames(this.mapper, masked, withUsage));
				});
		});
	}

	/**
	 * The guardrails a call runs: the default ones and those it names, in config order.
	 * @throws BadRequestError for a name that is not configured
	 */
	private Selection select(ServerWebExchange exchange, ModelCall call) {
		Set<String> asked = RequestedGuardrails.names(call.fields());
		for (String name : asked) {
			if (!this.byName.containsKey(name)) {
				throw RequestedGuardrails.unknown(name, this.byName.keySet());
			}
		}
		Map<?, ?> converse = RequestedGuardrails.converseConfig(call.fields());
		if (converse != null) {
			asked = new java.util.LinkedHashSet<>(asked);
			asked.add(bedrockAnswering(converse));
		}
		CallerIdentity caller = CallerIdentity.of(exchange);
		if (caller != null && !caller.guardrails().isEmpty()) {
			asked = new java.util.LinkedHashSet<>(asked);
			for (String name : caller.guardrails()) {
				if (!this.byName.containsKey(name)) {
					throw RequestedGuardrails.unknownAttached(name, this.byName.keySet());
				}
				asked.add(name);
			}
		}
		List<Guardrail> selected = new ArrayList<>();
		for (Guardrail guardrail : this.all) {
			if (guardrail.spec().defaultOn() || asked.contains(guardrail.spec().name())) {
				selected.add(guardrail);
			}
		}
		return new Selection(selected);
	}

	/**
	 * The configured Bedrock guardrail with a Converse request's identifier (and
	 * version).
	 */
	private String bedrockAnswering(Map<?, ?> converse) {
		Object version = converse.get("guardrailVersion");
		for (Guardrail guardrail : this.all) {
			Map<String, Object> params = guardrail.spec().params();
			if ("bedrock".equals(guardrail.spec().kind())
					&& converse.get("guardrailIdentifier").equals(String.valueOf(params.get("guardrailIdentifier")))
					&& (version == null
							|| String.valueOf(version).equals(String.valueOf(params.get("guardrailVersion"))))) {
				return guardrail.spec().name();
			}
		}
		throw RequestedGuardrails.unknownConverse(converse);
	}

	/** The during_call checks of the prompt, together; true once all passed. */
	private Mono<Boolean> during(ServerWebExchange exchange, ModelCall call, Selection selection) {
		List<Guardrail> during = selection.in(GuardrailSpec.Mode.DURING_CALL);
		if (during.isEmpty()) {
			return Mono.just(true);
		}
		List<String> texts = CallTexts.prompt(call.request());
		// masking cannot reach a prompt the provider already has: an anonymising verdict
		// passes here
		return Flux.fromIterable(during)
			.flatMap((guardrail) -> run(exchange, guardrail, GuardrailSpec.Mode.DURING_CALL, Guardrail.Source.INPUT,
					new Checked(texts, false)))
			.then(Mono.just(true));
	}

	private Mono<ChatResult> afterAnswer(ServerWebExchange exchange, List<Guardrail> post, ChatResult result) {
		JsonNode completion = parse(new String(result.body(), StandardCharsets.UTF_8));
		List<String> texts = CallTexts.answer(completion);
		return check(exchange, post, GuardrailSpec.Mode.POST_CALL, Guardrail.Source.OUTPUT, texts)
			.map((checked) -> checked.masked()
					? new ChatResult(CallTexts.withAnswer(this.mapper, completion, checked.texts()), result.usage())
					: result);
	}

	/** Guardrails one after another, each on what the one before let through. */
	private Mono<Checked> check(ServerWebExchange exchange, List<Guardrail> guardrails, GuardrailSpec.Mode mode,
			Guardrail.Source source, List<String> texts) {
		Mono<Checked> checked = Mono.just(new Checked(texts, false));
		for (Guardrail guardrail : guardrails) {
			checked = checked.flatMap((previous) -> run(exchange, guardrail, mode, source, previous));
		}
		return checked;
	}

	/**
	 * One guardrail on the texts: timed, its outcome recorded and named in the header, a
	 * refusal an error, a failure a 503 or (with {@code fail_on_error: false}) a pass.
	 */
	private Mono<Checked> run(ServerWebExchange exchange, Guardrail guardrail, GuardrailSpec.Mode mode,
			Guardrail.Source source, Checked before) {
		GuardrailSpec spec = guardrail.spec();
		if (before.texts().isEmpty()) {
			return Mono.just(before);
		}
		long started = System.nanoTime();
		return guardrail.check(source, before.texts())
			.timeout(spec.timeout())
			.onErrorResume((error) -> !(error instanceof GuardrailViolationError), (error) -> {
				long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
				if (spec.failOpen()) {
					this.failedOpen.incrementAndGet();
					CallLog.about(log.atWarn(), exchange)
						.log("call_id={} guardrail {} ({}) could not answer, the call goes on (fail_on_error: false): {}",
								CallContext.of(exchange).callId(), spec.name(), mode.value(), error.toString());
					applied(exchange, spec, mode, "failed_open", millis);
					return Mono.just(Guardrail.Verdict.PASS);
				}
				this.failedClosed.incrementAndGet();
				CallLog.about(log.atWarn(), exchange)
					.log("call_id={} guardrail {} ({}) could not answer, the call is refused: {}",
							CallContext.of(exchange).callId(), spec.name(), mode.value(), error.toString());
				applied(exchange, spec, mode, "failed", millis);
				return Mono.error(
						new ServiceUnavailableError(
								"Guardrail " + spec.name() + " could not be reached ("
										+ error.getClass().getSimpleName() + "); the call was not sent",
								"guardrail_unavailable", spec.name()));
			})
			.map((verdict) -> {
				long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
				switch (verdict.action()) {
					case BLOCK -> {
						this.blocked.incrementAndGet();
						applied(exchange, spec, mode, "blocked", millis);
						Map<String, Object> details = new LinkedHashMap<>(verdict.details());
						details.put("guardrail_name", spec.name());
						details.put("guardrail_mode", mode.value());
						throw new GuardrailViolationError(verdict.message(), details);
					}
					case MASK -> {
						applied(exchange, spec, mode, "masked", millis);
						return new Checked(verdict.texts(), true);
					}
					default -> {
						applied(exchange, spec, mode, "passed", millis);
						return before;
					}
				}
			});
	}

	/** Records the outcome for the call's record and the response header. */
	private static void applied(ServerWebExchange exchange, GuardrailSpec spec, GuardrailSpec.Mode mode, String verdict,
			long millis) {
		GuardrailOutcomes.add(exchange,
				new GuardrailOutcome(spec.name(), mode.value(), verdict, millis, System.nanoTime()));
	}

	private JsonNode parse(String json) {
		try {
			return this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			return this.mapper.createObjectNode();
		}
	}

	/** Texts as the guardrails so far let them through. */
	private record Checked(List<String> texts, boolean masked) {

	}

	/** The guardrails of one call. */
	private record Selection(List<Guardrail> guardrails) {

		boolean isEmpty() {
			return this.guardrails.isEmpty();
		}

		List<Guardrail> in(GuardrailSpec.Mode mode) {
			List<Guardrail> matching = new ArrayList<>();
			for (Guardrail guardrail : this.guardrails) {
				if (guardrail.spec().modes().contains(mode)) {
					matching.add(guardrail);
				}
			}
			return matching;
		}

	}

}
