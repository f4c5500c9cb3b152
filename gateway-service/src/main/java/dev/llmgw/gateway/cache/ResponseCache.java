package dev.llmgw.gateway.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.engine.CacheStage;
import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.StreamAssembler;
import dev.llmgw.gateway.providers.StreamReplay;
import dev.llmgw.gateway.providers.RerankRequest;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.EmbeddingRequest;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.server.ServerWebExchange;

/**
 * LiteLLM's response cache ({@code litellm_settings.cache: true}) as the pipeline's cache
 * stage: chat (OpenAI, legacy completions, Anthropic messages and, through the
 * middleware, Converse) and embeddings, one entry per embedding input. A hit is answered
 * without the provider, at no cost, marked with {@code x-litellm-cache-key}; a miss is
 * answered by the provider and stored after the response has left, never delaying it. The
 * store failing makes every call a miss, never an error ({@link StoreGuard}).
 */
public final class ResponseCache implements CacheStage {

	public static final String KEY_HEADER = "x-litellm-cache-key";

	private final CacheStore store;

	private final StoreGuard guard;

	private final CacheKeys keys;

	private final JsonMapper mapper;

	private final Options options;

	private final LongSupplier clock;

	// adders, not atomics: every hit on both event loops counts, and one contended
	// counter would bounce its cache line between the cores
	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder tooLarge = new LongAdder();

	/**
	 * What the configuration decided, resolved.
	 *
	 * @param defaultOn {@code mode: default_on}
	 * @param callTypes LiteLLM's call type names that are cached
	 * @param namespace the configured namespace, under a request's own
	 * @param ttl how long an entry lives unless the request says
	 * @param maxItemChars the largest entry kept
	 * @param scope {@code shared}, {@code team} or {@code key}
	 */
	record Options(boolean defaultOn, Set<String> callTypes, @Nullable String namespace, Duration ttl,
			long maxItemChars, String scope) {

	}

	ResponseCache(CacheStore store, StoreGuard guard, JsonMapper mapper, Options options, LongSupplier clock) {
		this.store = store;
		this.guard = guard;
		this.keys = new CacheKeys(mapper);
		this.mapper = mapper;
		this.options = options;
		this.clock = clock;
	}

	@Override
	public void check(ModelCall call) {
		CacheControl.of(call.fields().get("cache"));
	}

	@Override
	public boolean takesPart(ModelCall call) {
		return applies(call, CacheControl.of(call.fields().get("cache")));
	}

	@Override
	public Mono<ChatResult> answer(ServerWebExchange exchange, ModelCall call, Mono<ChatResult> called,
			Outcome outcome) {
		CacheControl control = CacheControl.of(call.fields().get("cache"));
		if (!applies(call, control)
				|| !(call.request() instanceof ChatCompletionRequest || call.request() instanceof RerankRequest)) {
			return called;
		}
		String key = key(exchange, call, control, (call.kind() == CallKind.RERANK) ? "rerank" : "chat");
		outcome.keyed(key);
		Mono<ChatResult> fresh = Mono.defer(() -> {
			String admitted = outcome.group();
			return called.doOnNext((result) -> {
				if (!control.noStore() && sameGroup(admitted, outcome)) {
					store(key, new String(result.body(), StandardCharsets.UTF_8), result.usage(), control);
				}
			});
		});
		if (control.noCache()) {
			return fresh;
		}
		return lookup(key, control, outcome).map((entry) -> {
			// served as stored, unparsed: the entry's header carries its tokens
			hit(exchange, key, outcome, entry.usage());
			return new ChatResult(entry.json().getBytes(StandardCharsets.UTF_8), entry.usage());
		}).switchIfEmpty(Mono.defer(() -> {
			this.misses.increment();
			return fresh;
		}));
	}

	@Override
	public Flux<byte[]> stream(ServerWebExchange exchange, ModelCall call, Flux<byte[]> called, StreamTally tally,
			Outcome outcome) {
		CacheControl control = CacheControl.of(call.fields().get("cache"));
		if (!applies(call, control) || !(call.request() instanceof ChatCompletionRequest request)) {
			return called;
		}
		String key = key(exchange, call, control, "chat");
		outcome.keyed(key);
		Flux<byte[]> fresh = control.noStore() ? called : Flux.defer(() -> {
			StreamAssembler assembler = new StreamAssembler(this.mapper);
			String admitted = outcome.group();
			return called.doOnNext(assembler::accept).doOnComplete(() -> {
				String completion = assembler.completion(tally.usage());
				if (completion != null && sameGroup(admitted, outcome)) {
					store(key, completion, tally.usage(), control);
				}
			});
		});
		if (control.noCache()) {
			return fresh;
		}
		return lookup(key, control, outcome).flatMapMany((entry) -> {
			JsonNode completion = parse(entry.json());
			if (completion == null || !completion.path("choices").isArray()) {
				return Flux.empty();
			}
			hit(exchange, key, outcome, entry.usage());
			return Flux.fromIterable(StreamReplay.frames(this.mapper, completion, request.wantsUsageInStream()));
		}).switchIfEmpty(Flux.defer(() -> {
			this.misses.increment();
			return fresh;
		}));
	}

	@Override
	public Mono<ChatResult> embed(ServerWebExchange exchange, ModelCall call, EmbeddingRequest request,
			Function<EmbeddingRequest, Mono<ChatResult>> called, Outcome outcome) {
		CacheControl control = CacheControl.of(call.fields().get("cache"));
		List<Object> inputs = inputs(request.input());
		if (!applies(call, control) || inputs.isEmpty()) {
			return called.apply(request);
		}
		List<String> itemKeys = new ArrayList<>(inputs.size());
		EmbeddingRequest withoutInput = new EmbeddingRequest(request.model(), null, request.user(), request.extra());
		for (Object input : inputs) {
			itemKeys.add(CacheKeys.key(namespace(control), this.keys.hash("embedding", call.model(), scope(exchange),
					withoutInput, this.mapper.valueToTree(input))));
		}
		if (itemKeys.size() == 1) {
			outcome.keyed(itemKeys.get(0));
		}
		Mono<Map<Integer, JsonNode>> cached = control.noCache() ? Mono.just(Map.of())
				: timed(Flux.range(0, inputs.size())
					.flatMap((i) -> lookup(itemKeys.get(i), control, null).mapNotNull((entry) -> parse(entry.json()))
						.filter((item) -> item.has("embedding"))
						.map((item) -> Tuples.of(i, item)))
					.collectMap(Tuple2::getT1, Tuple2::getT2), outcome);
		return cached.flatMap((found) -> {
			if (found.size() == inputs.size()) {
				Usage usage = Usage.of(promptTokens(found), 0);
				hit(exchange, (itemKeys.size() == 1) ? itemKeys.get(0) : null, outcome, usage);
				return Mono.just(
						new ChatResult(embeddingList(inputs.size(), found, Map.of(), firstModel(found), usage), usage));
			}
			this.misses.increment();
			List<Integer> missing = new ArrayList<>();
			for (int i = 0; i < inputs.size(); i++) {
				if (!found.containsKey(i)) {
					missing.add(i);
				}
			}
			EmbeddingRequest rest = found.isEmpty() ? request : new EmbeddingRequest(request.model(),
					missing.stream().map(inputs::get).toList(), request.user(), request.extra());
			String admitted = outcome.group();
			return called.apply(rest).flatMap((result) -> {
				ChatResult merged = merge(result, inputs, missing, found, itemKeys,
						sameGroup(admitted, outcome) ? control : control.withoutStore());
				// an answer that cannot be taken apart is no answer to the caller's
				// inputs:
				// ask for all of them instead
				return (merged != null) ? Mono.just(merged) : called.apply(request);
			});
		});
	}

	@Override
	public String type() {
		return this.store.type();
	}

	/**
	 * Whether the store is failing; asked while it is, a probe goes out (within the
	 * guard's probe interval), so that readiness recovers without calls to try it.
	 */
	@Override
	public boolean degraded() {
		boolean failing = this.guard.failing();
		if (failing) {
			this.guard.probe(this.store.ping());
		}
		return failing;
	}

	/** Hits, misses, entries too large to keep, and lookups or stores forgiven. */
	public Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("hits", this.hits.sum());
		counts.put("misses", this.misses.sum());
		counts.put("too_large", this.tooLarge.sum());
		counts.put("fail_open", this.guard.failOpenCount());
		return counts;
	}

	CacheStore store() {
		return this.store;
	}

	/**
	 * Whether the answer came from the group that was admitted: an answer from a fallback
	 * group is sent but not kept under the asked group's key (else a caller could fill
	 * the shared cache with another model's answers by naming fallbacks).
	 */
	private static boolean sameGroup(@Nullable String admitted, Outcome outcome) {
		return admitted != null && admitted.equals(outcome.group());
	}

	/**
	 * Whether this call is cached: its call type is, and the mode lets it (with
	 * {@code default_off}, only a call that says {@code "use-cache": true}).
	 */
	private boolean applies(ModelCall call, CacheControl control) {
		if (!this.options.defaultOn() && !control.useCache()) {
			return false;
		}
		String callType = switch (call.kind()) {
			case EMBEDDING -> "embedding";
			case CHAT -> switch (call.route()) {
				case "/completions" -> "text_completion";
				case "/v1/messages" -> "anthropic_messages";
				case "/v1/responses" -> "responses";
				default -> "completion";
			};
			case RERANK -> "rerank";
			case IMAGE, MODERATION, SPEECH, TRANSCRIPTION, FILE, BATCH -> null;
		};
		return callType != null
				&& (this.options.callTypes().contains(callType) || this.options.callTypes().contains("a" + callType));
	}

	private String key(ServerWebExchange exchange, ModelCall call, CacheControl control, String kind) {
		return CacheKeys.key(namespace(control),
				this.keys.requestHash(kind, call.model(), scope(exchange), call.request(), call.promptChars()));
	}

	/**
	 * A request's namespace goes under the configured one, as LiteLLM's Redis keys do.
	 */
	private @Nullable String namespace(CacheControl control) {
		String configured = this.options.namespace();
		String asked = control.namespace();
		if (asked == null || asked.equals(configured)) {
			return configured;
		}
		return (configured != null) ? configured + ":" + asked : asked;
	}

	/**
	 * Who shares entries: everyone, or only the caller's team (a caller without one only
	 * with its own key), or only the caller's key.
	 */
	private @Nullable String scope(ServerWebExchange exchange) {
		String scope = this.options.scope();
		if ("shared".equals(scope)) {
			return null;
		}
		CallerIdentity caller = CallerIdentity.of(exchange);
		String key = (caller == null) ? "anonymous" : (caller.keyHash() != null) ? "key:" + caller.keyHash() : "master";
		if ("team".equals(scope) && caller != null && caller.teamId() != null) {
			return "team:" + caller.teamId();
		}
		return key;
	}

	/**
	 * A lookup, its time told to the call's outcome (for the trace) as it answers, before
	 * the answer goes on: a hit from memory may end the whole response within that
	 * signal.
	 */
	private static <T> Mono<T> timed(Mono<T> lookup, Outcome outcome) {
		return Mono.defer(() -> {
			long started = System.nanoTime();
			return lookup.doOnSuccess((answer) -> outcome.looked(started, System.nanoTime()))
				.doOnError((failure) -> outcome.looked(started, System.nanoTime()));
		});
	}

	/**
	 * An entry this process holds is answered at once, with no timer, guard or operator:
	 * most hits are such, and each operator costs a hit. Otherwise the store is asked,
	 * within the guard's bounds, and the wait told to {@code outcome} (for the trace)
	 * when there is one.
	 */
	private Mono<CacheEntry> lookup(String key, CacheControl control, @Nullable Outcome outcome) {
		String held = this.store.held(key);
		if (held != null) {
			if (outcome != null) {
				long now = System.nanoTime();
				outcome.looked(now, now);
			}
			return Mono.justOrEmpty(usable(CacheEntry.decode(held), control));
		}
		Mono<CacheEntry> asked = this.guard.guard(this.store.get(key), "lookup")
			.mapNotNull((found) -> usable(CacheEntry.decode(found), control));
		return (outcome != null) ? timed(asked, outcome) : asked;
	}

	/** The entry unless the request's {@code s-maxage} finds it too old. */
	private @Nullable CacheEntry usable(@Nullable CacheEntry entry, CacheControl control) {
		Double maxAge = control.maxAgeSeconds();
		return (entry == null || maxAge == null || !entry.olderThan(maxAge, this.clock.getAsLong())) ? entry : null;
	}

	/** Keeps an answer, after the response: a store is never waited for. */
	private void store(String key, String json, Usage usage, CacheControl control) {
		if (json.length() > this.options.maxItemChars()) {
			this.tooLarge.increment();
			return;
		}
		Duration ttl = (control.ttlSeconds() != null) ? Duration.ofMillis((long) (control.ttlSeconds() * 1000))
				: this.options.ttl();
		String value = new CacheEntry(this.clock.getAsLong(), usage.promptTokens(), usage.completionTokens(), json)
			.encode();
		this.guard.guard(this.store.put(key, value, ttl), "store").subscribe();
	}

	private void hit(ServerWebExchange exchange, @Nullable String key, Outcome outcome, Usage usage) {
		this.hits.increment();
		if (key != null) {
			exchange.getResponse().getHeaders().set(KEY_HEADER, key);
		}
		outcome.hit(usage);
	}

	private @Nullable JsonNode parse(String json) {
		try {
			JsonNode node = this.mapper.readTree(json);
			return (node instanceof ObjectNode) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The provider's answer for the inputs the cache did not have, each of its vectors
	 * stored, merged with the cached ones in the caller's order. The body's usage counts
	 * every input, as LiteLLM's does; the call is charged for the provider's part only.
	 */
	private @Nullable ChatResult merge(ChatResult result, List<Object> inputs, List<Integer> missing,
			Map<Integer, JsonNode> found, List<String> itemKeys, CacheControl control) {
		JsonNode body = parse(new String(result.body(), StandardCharsets.UTF_8));
		JsonNode data = (body != null) ? body.get("data") : null;
		if (data == null || !data.isArray() || data.size() != missing.size()) {
			// not a list this cache can take apart: as it came when it answers every
			// input
			return found.isEmpty() ? result : null;
		}
		String model = body.path("model").asString("");
		long providerTokens = result.usage().promptTokens();
		Map<Integer, JsonNode> fresh = new LinkedHashMap<>();
		for (JsonNode item : data) {
			int index = item.path("index").asInt(-1);
			if (index < 0 || index >= missing.size() || !item.has("embedding")) {
				return found.isEmpty() ? result : null;
			}
			int original = missing.get(index);
			ObjectNode entry = this.mapper.createObjectNode();
			entry.set("embedding", item.get("embedding"));
			entry.put("model", model);
			entry.put("prompt_tokens", share(providerTokens, missing.size(), index));
			fresh.put(original, entry);
			if (!control.noStore()) {
				store(itemKeys.get(original), this.mapper.writeValueAsString(entry),
						Usage.of(share(providerTokens, missing.size(), index), 0), control);
			}
		}
		if (found.isEmpty()) {
			return result;
		}
		Usage total = Usage.of(providerTokens + promptTokens(found), 0);
		return new ChatResult(embeddingList(inputs.size(), found, fresh, model, total), result.usage());
	}

	private byte[] embeddingList(int size, Map<Integer, JsonNode> cached, Map<Integer, JsonNode> fresh, String model,
			Usage usage) {
		ObjectNode list = this.mapper.createObjectNode();
		list.put("object", "list");
		ArrayNode data = list.putArray("data");
		for (int i = 0; i < size; i++) {
			JsonNode entry = cached.containsKey(i) ? cached.get(i) : fresh.get(i);
			ObjectNode item = data.addObject();
			item.put("object", "embedding");
			item.put("index", i);
			item.set("embedding", (entry != null) ? entry.get("embedding") : this.mapper.nullNode());
		}
		list.put("model", model);
		ObjectNode counted = list.putObject("usage");
		counted.put("prompt_tokens", usage.promptTokens());
		counted.put("total_tokens", usage.promptTokens());
		return this.mapper.writeValueAsBytes(list);
	}

	private static String firstModel(Map<Integer, JsonNode> found) {
		return found.values().iterator().next().path("model").asString("");
	}

	private static long promptTokens(Map<Integer, JsonNode> found) {
		long tokens = 0;
		for (JsonNode entry : found.values()) {
			tokens += entry.path("prompt_tokens").asLong(0);
		}
		return tokens;
	}

	/** An even share of a batch's tokens, the remainder to the first inputs. */
	private static long share(long tokens, int count, int index) {
		return tokens / count + ((index < tokens % count) ? 1 : 0);
	}

	/**
	 * The inputs of an embedding request, one cache entry each: each string, each token
	 * array; a single token array (a list of numbers) is one input.
	 */
	private static List<Object> inputs(@Nullable Object input) {
		if (input instanceof String text) {
			return List.of(text);
		}
		if (input instanceof List<?> items && !items.isEmpty()) {
			if (items.get(0) instanceof Number) {
				return List.of(items);
			}
			List<Object> list = new ArrayList<>(items.size());
			for (Object item : items) {
				if (item == null) {
					return List.of();
				}
				list.add(item);
			}
			return list;
		}
		return List.of();
	}

}
