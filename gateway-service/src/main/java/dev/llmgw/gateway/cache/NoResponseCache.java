package dev.llmgw.gateway.cache;

import dev.llmgw.gateway.engine.CacheStage;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.providers.ChatResult;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * The cache stage while no response cache is built: every lookup misses and nothing is
 * kept. A response cache replaces this bean.
 */
public final class NoResponseCache implements CacheStage {

	@Override
	public Mono<ChatResult> lookup(ServerWebExchange exchange, ModelCall call) {
		return Mono.empty();
	}

	@Override
	public void store(ServerWebExchange exchange, ModelCall call, ChatResult result) {
	}

}
