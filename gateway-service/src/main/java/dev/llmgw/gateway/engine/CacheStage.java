package dev.llmgw.gateway.engine;

import dev.llmgw.gateway.providers.ChatResult;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * The response cache: looked up after admission (a hit is still admitted and counted),
 * stored after the post-call guardrails (nothing refused is kept).
 */
public interface CacheStage {

	/** The cached answer, or empty when there is none. */
	Mono<ChatResult> lookup(ServerWebExchange exchange, ModelCall call);

	/** Keeps an answer for later calls; must not delay the response. */
	void store(ServerWebExchange exchange, ModelCall call, ChatResult result);

}
