package dev.llmgw.gateway.engine;

import java.time.Duration;

import reactor.core.publisher.Flux;

import org.springframework.web.server.ServerWebExchange;

/** Waits for a free slot of the call's model group, by priority then arrival. */
public interface QueueStage {

	/**
	 * @param maxWait how long the call may wait for a slot
	 * @param work the call, subscribed once a slot is free and holding it until it ends
	 */
	<T> Flux<T> enter(ServerWebExchange exchange, ModelCall call, Duration maxWait, Flux<T> work);

}
