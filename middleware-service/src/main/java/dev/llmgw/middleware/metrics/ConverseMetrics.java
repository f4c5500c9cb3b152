package dev.llmgw.middleware.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.llmgw.metrics.Family;
import dev.llmgw.middleware.bedrock.ConverseEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Counts Converse calls, their latency and their streams. The handler names a call when
 * it begins ({@link #started}); this filter, around every request, records it when its
 * response has ended, since only then are its status and duration known: a stream ends
 * with its last frame, and a failure is answered by the error handlers, outside the
 * handler, after it. Adding to a counter never blocks, so all of it runs on the event
 * loops. The counters of one set of label values are looked up once and kept.
 */
final class ConverseMetrics implements ConverseEvents, WebFilter, Ordered {

	/** The exchange attribute a call's labels wait under until its response has ended. */
	private static final String CALL = ConverseMetrics.class.getName() + ".call";

	/**
	 * The status of a call whose caller went away before any answer was sent (nginx's
	 * "client closed request"): no status was sent, but the call happened.
	 */
	static final int CLIENT_CLOSED = 499;

	private final MeterRegistry registry;

	private final ModelLabels models = new ModelLabels();

	private final Map<RequestLabels, Counter> requests = new ConcurrentHashMap<>();

	private final Map<Operation, DistributionSummary> latency = new EnumMap<>(Operation.class);

	private final Map<Operation, AtomicInteger> active = new EnumMap<>(Operation.class);

	private final Map<Operation, Counter> frames = new EnumMap<>(Operation.class);

	ConverseMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (Operation operation : Operation.values()) {
			String label = Family.label(operation);
			this.latency.put(operation, Families.CONVERSE_LATENCY.histogram(registry, Families.LATENCY_BUCKETS, label));
			if (operation.streamed()) {
				this.frames.put(operation, Families.STREAM_EVENTS.counter(registry, label));
				AtomicInteger streams = new AtomicInteger();
				Families.STREAMS_ACTIVE.gauge(registry, streams, label);
				this.active.put(operation, streams);
			}
		}
	}

	@Override
	public int getOrder() {
		// outside the other filters but cross-origin handling: their time counts too
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public void started(ServerWebExchange exchange, Operation operation, String modelId) {
		exchange.getAttributes().put(CALL, new Call(operation, this.models.of(modelId), new AtomicBoolean()));
	}

	@Override
	public Flux<byte[]> streamed(Operation operation, Flux<byte[]> frames) {
		AtomicInteger active = this.active.get(operation);
		Counter sent = this.frames.get(operation);
		if (active == null || sent == null) {
			// an operation that does not say it streams: nothing to count it in
			return frames;
		}
		return Flux.defer(() -> {
			active.incrementAndGet();
			AtomicBoolean open = new AtomicBoolean(true);
			// before the end reaches the connection, so that a stream the caller has seen
			// end no longer counts as active
			Runnable closed = () -> {
				if (open.compareAndSet(true, false)) {
					active.decrementAndGet();
				}
			};
			return frames.doOnNext((frame) -> sent.increment()).doOnTerminate(closed).doOnCancel(closed);
		});
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long start = System.nanoTime();
		ServerHttpResponse response = exchange.getResponse();
		return chain.filter(exchange)
			.doOnSuccess((done) -> ended(exchange, start, status(response)))
			.doOnError((failure) -> {
				if (response.isCommitted()) {
					ended(exchange, start, status(response));
				}
				else {
					// the error handlers answer after this filter sees the failure:
					// the status is the one they commit
					response.beforeCommit(() -> {
						ended(exchange, start, status(response));
						return Mono.empty();
					});
				}
			})
			.doOnCancel(() -> ended(exchange, start, response.isCommitted() ? status(response) : CLIENT_CLOSED));
	}

	private void ended(ServerWebExchange exchange, long start, int status) {
		Call call = exchange.getAttribute(CALL);
		if (call == null || !call.recorded().compareAndSet(false, true)) {
			return;
		}
		this.latency.get(call.operation()).record((System.nanoTime() - start) / 1e9);
		// last, so that once a scrape sees the call counted, it sees its latency too
		counter(new RequestLabels(call.operation(), call.model(), status)).increment();
	}

	private Counter counter(RequestLabels labels) {
		Counter counter = this.requests.get(labels);
		if (counter != null) {
			return counter;
		}
		return this.requests.computeIfAbsent(labels, (made) -> Families.CONVERSE_REQUESTS.counter(this.registry,
				Family.label(made.operation()), made.model(), Integer.toString(made.status())));
	}

	/** The status set on the response; 200 when none was, as the server then sends. */
	private static int status(ServerHttpResponse response) {
		HttpStatusCode status = response.getStatusCode();
		return (status != null) ? status.value() : 200;
	}

	/**
	 * A call waiting for its response to end.
	 *
	 * @param operation which operation
	 * @param model its model label
	 * @param recorded whether it has been counted, so that it is counted once
	 */
	private record Call(Operation operation, String model, AtomicBoolean recorded) {

	}

	/**
	 * One call's label values, bounded: two operations, {@link ModelLabels#MAX_MODELS}
	 * models and {@code other}, and the HTTP statuses.
	 *
	 * @param operation which operation
	 * @param model the model label
	 * @param status the status sent
	 */
	private record RequestLabels(Operation operation, String model, int status) {

	}

}
