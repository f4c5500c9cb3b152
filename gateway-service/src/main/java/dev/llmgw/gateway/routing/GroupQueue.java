package dev.llmgw.gateway.routing;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * The queue of a model group with a concurrency limit: a chat attempt waits for a slot by
 * {@code priority}, then arrival ({@link ConcurrencyLimits}), and holds it until the
 * attempt ends. Entered per attempt, not per call: a call waiting out a retry's backoff
 * or a provider's {@code Retry-After} holds no slot, and a fallback waits in its own
 * group's queue, as LiteLLM holds its limit only around the provider call.
 */
final class GroupQueue {

	private final ConcurrencyLimits limits;

	GroupQueue(ConcurrencyLimits limits) {
		this.limits = limits;
	}

	/**
	 * @param group the group of the deployment the attempt goes to
	 * @param priority the request's {@code priority}, null for none
	 * @param maxWait how long the attempt may wait for a slot before a 429
	 * @param attempt the attempt, subscribed once a slot is free
	 */
	<T> Flux<T> enter(ModelGroup group, @Nullable Integer priority, Duration maxWait, Publisher<T> attempt) {
		return this.limits.enter(group, priority, maxWait)
			.flatMapMany((release) -> Flux.from(attempt).doFinally((signal) -> release.run()));
	}

}
