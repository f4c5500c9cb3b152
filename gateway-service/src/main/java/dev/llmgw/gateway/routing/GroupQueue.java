package dev.llmgw.gateway.routing;

import java.time.Duration;

import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.engine.QueueStage;
import reactor.core.publisher.Flux;

import org.springframework.web.server.ServerWebExchange;

/**
 * The queue stage: groups with a concurrency limit let waiting calls in by
 * {@code priority}, then arrival ({@link ConcurrencyLimits}).
 */
public final class GroupQueue implements QueueStage {

	private final ConcurrencyLimits limits;

	public GroupQueue(ConcurrencyLimits limits) {
		this.limits = limits;
	}

	@Override
	public <T> Flux<T> enter(ServerWebExchange exchange, ModelCall call, Duration maxWait, Flux<T> work) {
		ModelGroup group = AdmittedGroup.of(exchange);
		if (group == null) {
			return work;
		}
		return this.limits.enter(group, call.priority(), maxWait)
			.flatMapMany((release) -> work.doFinally((signal) -> release.run()));
	}

}
