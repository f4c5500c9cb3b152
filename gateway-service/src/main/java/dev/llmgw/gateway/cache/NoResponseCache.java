package dev.llmgw.gateway.cache;

import java.util.function.Function;

import dev.llmgw.gateway.engine.CacheStage;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.model.openai.EmbeddingRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * The cache stage without {@code cache: true}: every call goes to its provider and
 * nothing is kept.
 */
public final class NoResponseCache implements CacheStage {

	@Override
	public Mono<ChatResult> answer(ServerWebExchange exchange, ModelCall call, Mono<ChatResult> called,
			Outcome outcome) {
		return called;
	}

	@Override
	public Flux<byte[]> stream(ServerWebExchange exchange, ModelCall call, Flux<byte[]> called, StreamTally tally,
			Outcome outcome) {
		return called;
	}

	@Override
	public Mono<ChatResult> embed(ServerWebExchange exchange, ModelCall call, EmbeddingRequest request,
			Function<EmbeddingRequest, Mono<ChatResult>> called, Outcome outcome) {
		return called.apply(request);
	}

}
