package dev.llmgw.gateway.engine;

import java.util.function.Function;

import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.model.openai.EmbeddingRequest;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * The response cache, around the provider call: after admission (a hit is still admitted
 * and counted against rate limits) and the pre-call guardrails, before the post-call
 * ones, so that a cached answer is checked like a fresh one. It keeps what the provider
 * answered.
 */
public interface CacheStage {

	/**
	 * Refuses a call whose cache controls are invalid, before it is admitted.
	 * @throws dev.llmgw.gateway.error.GatewayError a 400 naming the field
	 */
	default void check(ModelCall call) {
	}

	/** Whether the cache would look this call up or keep its answer. */
	default boolean takesPart(ModelCall call) {
		return false;
	}

	/**
	 * The cached answer of a call answered at once, else {@code called}'s, kept for later
	 * calls without delaying it.
	 */
	Mono<ChatResult> answer(ServerWebExchange exchange, ModelCall call, Mono<ChatResult> called, Outcome outcome);

	/**
	 * A stream's frames: a cached answer replayed as OpenAI chunks, else {@code called}'s
	 * frames as they come, kept once the stream completed.
	 */
	Flux<byte[]> stream(ServerWebExchange exchange, ModelCall call, Flux<byte[]> called, StreamTally tally,
			Outcome outcome);

	/**
	 * An embeddings list: each input's cached vector, and {@code called} for the inputs
	 * that have none (called with those alone).
	 */
	Mono<ChatResult> embed(ServerWebExchange exchange, ModelCall call, EmbeddingRequest request,
			Function<EmbeddingRequest, Mono<ChatResult>> called, Outcome outcome);

	/** The cache's type for readiness ({@code redis}, {@code local}), null when off. */
	default @Nullable String type() {
		return null;
	}

	/** Whether lookups are being skipped because the cache's store is failing. */
	default boolean degraded() {
		return false;
	}

	/** What the cache tells the pipeline about a call, for its record. */
	interface Outcome {

		/** The call's cache key, as {@code x-litellm-cache-key} shows it. */
		void keyed(String key);

		/** The answer came from the cache, with the usage it was stored with. */
		void hit(Usage usage);

		/**
		 * The cache was asked, from {@code startNanos} to {@code endNanos}
		 * ({@link System#nanoTime}), to place the lookup on the call's trace.
		 */
		default void looked(long startNanos, long endNanos) {
		}

		/**
		 * The model group of the deployment chosen last: read before and after the call,
		 * it tells an answer from a fallback group, which must not be kept under the
		 * asked group's key.
		 */
		@Nullable String group();

	}

}
