package dev.llmgw.gateway.guardrails;

import dev.llmgw.gateway.engine.GuardrailStage;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.providers.ChatResult;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * The guardrail stages while no guardrail is built: every call goes on and every answer
 * is sent as it came. Guardrails replace this bean.
 */
public final class NoGuardrails implements GuardrailStage {

	@Override
	public Mono<Void> beforeCall(ServerWebExchange exchange, ModelCall call) {
		return Mono.empty();
	}

	@Override
	public Mono<ChatResult> afterCall(ServerWebExchange exchange, ModelCall call, ChatResult result) {
		return Mono.just(result);
	}

}
