package dev.llmgw.gateway.engine;

import dev.llmgw.gateway.providers.ChatResult;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/** Checks on what goes to the provider and what comes back. */
public interface GuardrailStage {

	/** Completes when the call may go on; an error refuses it. */
	Mono<Void> beforeCall(ServerWebExchange exchange, ModelCall call);

	/** The answer to send (as is, or changed); an error refuses it. */
	Mono<ChatResult> afterCall(ServerWebExchange exchange, ModelCall call, ChatResult result);

}
