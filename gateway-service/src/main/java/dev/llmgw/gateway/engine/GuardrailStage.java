package dev.llmgw.gateway.engine;

import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.StreamTally;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Checks on what goes to the provider and what comes back, around the cache stage so that
 * a cached answer is checked like a fresh one.
 */
public interface GuardrailStage {

	/**
	 * {@code pre_call}: the call as it may go on (its prompt masked when a guardrail
	 * anonymises), or an error that refuses it before any provider cost.
	 */
	Mono<ModelCall> beforeCall(ServerWebExchange exchange, ModelCall call);

	/**
	 * {@code during_call} alongside the answer, which is held until it passed, and
	 * {@code post_call} on the answer: the answer to send (as is, or masked), or an
	 * error.
	 */
	Mono<ChatResult> around(ServerWebExchange exchange, ModelCall call, Mono<ChatResult> answer);

	/**
	 * The same for a stream: its frames held until {@code during_call} passed; with
	 * {@code post_call}, the whole stream checked before its first frame goes out, so
	 * that a refused answer is an error status, never a stream ended as a success.
	 */
	Flux<byte[]> aroundStream(ServerWebExchange exchange, ModelCall call, Flux<byte[]> frames, StreamTally tally);

	/**
	 * Whether any guardrail would run on the call (before, during or after it).
	 */
	boolean takesPart(ServerWebExchange exchange, ModelCall call);

}
