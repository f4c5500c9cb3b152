package dev.llmgw.gateway.guardrails;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.engine.GuardrailStage;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.StreamTally;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * The guardrail stages without a {@code guardrails:} section: every call goes on and
 * every answer is sent as it came, with no operator added to the call; a request that
 * names a guardrail is refused, since none is configured.
 */
public final class NoGuardrails implements GuardrailStage {

	@Override
	public Mono<ModelCall> beforeCall(ServerWebExchange exchange, ModelCall call) {
		// a request that names a guardrail is told there is none, not served unguarded
		for (String name : RequestedGuardrails.names(call.fields())) {
			throw RequestedGuardrails.unknown(name, java.util.List.of());
		}
		java.util.Map<?, ?> converse = RequestedGuardrails.converseConfig(call.fields());
		if (converse != null) {
			throw RequestedGuardrails.unknownConverse(converse);
		}
		CallerIdentity caller = CallerIdentity.of(exchange);
		if (caller != null && !caller.guardrails().isEmpty()) {
			throw RequestedGuardrails.unknownAttached(caller.guardrails().get(0), java.util.List.of());
		}
		return Mono.just(call);
	}

	@Override
	public Mono<ChatResult> around(ServerWebExchange exchange, ModelCall call, Mono<ChatResult> answer) {
		return answer;
	}

	@Override
	public Flux<byte[]> aroundStream(ServerWebExchange exchange, ModelCall call, Flux<byte[]> frames,
			StreamTally tally) {
		return frames;
	}

}
