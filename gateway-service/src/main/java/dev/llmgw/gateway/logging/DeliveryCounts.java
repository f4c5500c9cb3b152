package dev.llmgw.gateway.logging;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import dev.llmgw.metrics.Family;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * What each callback delivered, failed and dropped, counted always (tests and the log
 * read them) and published on {@code /metrics} when metrics are on: LiteLLM's
 * {@code litellm_callback_logging_failures_metric} (failed attempts, labelled
 * {@code callback_name}) and, under the same prefix, how many entries were sent, dropped
 * and are waiting.
 */
public final class DeliveryCounts {

	static final Family FAILURES = new Family("litellm_callback_logging_failures_metric",
			"Total number of failed attempts to emit logs to a configured callback", "callback_name");

	static final Family SENT = new Family("litellm_callback_logs_sent", "Log entries a logging callback delivered",
			"callback_name");

	static final Family DROPPED = new Family("litellm_callback_logs_dropped",
			"Log entries a logging callback dropped: its queue was full, or the collector refused them or stayed down",
			"callback_name");

	static final Family QUEUED = new Family("litellm_callback_logs_queued",
			"Log entries waiting for a logging callback", "callback_name");

	private final @Nullable MeterRegistry registry;

	private final Map<String, Counts> counts = new ConcurrentHashMap<>();

	public DeliveryCounts(@Nullable MeterRegistry registry) {
		this.registry = registry;
	}

	/** Registers a delivery's meters. */
	void register(Delivery delivery) {
		Counts counts = of(delivery.sink());
		if (this.registry == null) {
			return;
		}
		String name = delivery.sink().metricName();
		counter(FAILURES, name, counts.failed);
		counter(SENT, name, counts.sent);
		counter(DROPPED, name, counts.dropped);
		Gauge.builder(QUEUED.name(), delivery, (ToDoubleFunction<Delivery>) Delivery::pending)
			.description(QUEUED.help())
			.tags(QUEUED.tags(name))
			.strongReference(true)
			.register(this.registry);
	}

	private void counter(Family family, String name, AtomicLong value) {
		FunctionCounter.builder(family.name(), value, AtomicLong::doubleValue)
			.description(family.help())
			.tags(family.tags(name))
			.register(this.registry);
	}

	void sent(LogSink sink, long entries) {
		of(sink).sent.addAndGet(entries);
	}

	void failed(LogSink sink, long attempts) {
		of(sink).failed.addAndGet(attempts);
	}

	void dropped(LogSink sink, long entries) {
		of(sink).dropped.addAndGet(entries);
	}

	long dropped(LogSink sink) {
		return of(sink).dropped.get();
	}

	/** Entries sent, failed attempts and entries dropped, by callback name. */
	public Map<String, long[]> snapshot() {
		Map<String, long[]> snapshot = new TreeMap<>();
		this.counts.forEach((name, counts) -> snapshot.put(name,
				new long[] { counts.sent.get(), counts.failed.get(), counts.dropped.get() }));
		return snapshot;
	}

	private Counts of(LogSink sink) {
		return this.counts.computeIfAbsent(sink.name(), (name) -> new Counts());
	}

	private static final class Counts {

		private final AtomicLong sent = new AtomicLong();

		private final AtomicLong failed = new AtomicLong();

		private final AtomicLong dropped = new AtomicLong();

	}

}
