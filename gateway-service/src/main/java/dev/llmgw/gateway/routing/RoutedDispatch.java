package dev.llmgw.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.DispatchStage;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.StreamTally;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * The route-and-call stage: each call's {@link Failover} through its group's deployments
 * and fallbacks, and every chat attempt measured for the routing strategies (latency, or
 * time to first token for a stream).
 */
public final class RoutedDispatch implements DispatchStage {

	private final Router router;

	private final ModelRegistry models;

	private final DeploymentStats stats;

	private final GroupQueue queue;

	RoutedDispatch(Router router, ModelRegistry models, DeploymentStats stats, GroupQueue queue) {
		this.router = router;
		this.models = models;
		this.stats = stats;
		this.queue = queue;
	}

	@Override
	public Flux<ChatResult> answer(ServerWebExchange exchange, ModelCall call, Deployment first,
			Function<Deployment, Mono<ChatResult>> attempt, Consumer<Deployment> attempted) {
		Failover failover = failover(exchange, call, first, attempted);
		if (call.kind() != CallKind.CHAT) {
			return failover.run(first, attempt::apply, () -> true);
		}
		// the queue's wait is not the deployment's latency: timed inside it
		return failover.run(first,
				(chosen) -> queued(exchange, failover, call, chosen.timeout(), timed(chosen, attempt.apply(chosen))),
				() -> true);
	}

	@Override
	public Flux<byte[]> stream(ServerWebExchange exchange, ModelCall call, Deployment first,
			Function<Deployment, Flux<byte[]>> attempt, StreamTally tally, Consumer<Deployment> attempted) {
		Failover failover = failover(exchange, call, first, attempted);
		return failover.run(first, (chosen) -> queued(exchange, failover, call, chosen.streamTimeout(),
				timedStream(chosen, attempt.apply(chosen), tally)), () -> !tally.providerStarted());
	}

	/**
	 * One attempt behind its group's concurrency limit; a call that admission gave no
	 * group has no queue to wait in.
	 */
	private <T> Publisher<T> queued(ServerWebExchange exchange, Failover failover, ModelCall call, Duration maxWait,
			Publisher<T> attempt) {
		return (AdmittedGroup.of(exchange) != null)
				? this.queue.enter(failover.group(), call.priority(), maxWait, attempt) : attempt;
	}

	private Failover failover(ServerWebExchange exchange, ModelCall call, Deployment first,
			Consumer<Deployment> attempted) {
		ModelGroup group = AdmittedGroup.of(exchange);
		// an embedding's retries skip the context-window check, as they always have (its
		// admission checked it)
		return new Failover(exchange, this.router, this.models, call.fields(),
				(group != null) ? group : ModelGroup.of(first.modelName(), List.of(first)),
				(call.kind() == CallKind.EMBEDDING) ? 0 : call.promptChars(), attempted);
	}

	/** One non-streaming attempt, measured for the routing strategies. */
	private Mono<ChatResult> timed(Deployment deployment, Mono<ChatResult> call) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			this.stats.started(deployment);
			return call
				.doOnSuccess((result) -> this.stats.finished(deployment, System.nanoTime() - start,
						(result != null) ? result.usage().totalTokens() : 0))
				.doOnError((error) -> this.stats.failed(deployment))
				.doOnCancel(() -> this.stats.failed(deployment));
		});
	}

	/** One streaming attempt, measured by its time to first token. */
	private Flux<byte[]> timedStream(Deployment deployment, Flux<byte[]> call, StreamTally tally) {
		return Flux.defer(() -> {
			long start = System.nanoTime();
			long[] firstToken = { 0 };
			this.stats.started(deployment);
			return call.doOnNext((frame) -> {
				tally.markProviderStarted();
				if (firstToken[0] == 0) {
					firstToken[0] = System.nanoTime() - start;
				}
			})
				.doOnComplete(() -> this.stats.finished(deployment, firstToken[0], tally.usage().totalTokens()))
				.doOnError((error) -> this.stats.failed(deployment))
				.doOnCancel(() -> this.stats.failed(deployment));
		});
	}

}
