package dev.llmgw.gateway.engine;

import java.util.function.Consumer;
import java.util.function.Function;

import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.StreamTally;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Route and call: the provider attempts, with retries on other deployments and fallbacks
 * to other groups, each chat attempt waiting for its group's concurrency limit, and what
 * each attempt teaches the router.
 */
public interface DispatchStage {

	/**
	 * @param first the admitted deployment
	 * @param attempt one provider call on a deployment
	 * @param attempted told each deployment tried, the last being the one that answered
	 * @return the first success, or the last failure
	 */
	Flux<ChatResult> answer(ServerWebExchange exchange, ModelCall call, Deployment first,
			Function<Deployment, Mono<ChatResult>> attempt, Consumer<Deployment> attempted);

	/**
	 * As above for a stream, which may only be retried before its first frame.
	 * @param tally the stream's count, telling whether it started
	 */
	Flux<byte[]> stream(ServerWebExchange exchange, ModelCall call, Deployment first,
			Function<Deployment, Flux<byte[]>> attempt, StreamTally tally, Consumer<Deployment> attempted);

}
