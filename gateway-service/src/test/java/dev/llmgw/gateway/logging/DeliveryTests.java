package dev.llmgw.gateway.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.llmgw.gateway.logging.StandardLoggingPayload.ErrorInformation;
import dev.llmgw.gateway.logging.StandardLoggingPayload.HiddenParams;
import dev.llmgw.gateway.logging.StandardLoggingPayload.Metadata;
import dev.llmgw.gateway.logging.StandardLoggingPayload.ModelMapInformation;
import dev.llmgw.gateway.logging.StandardLoggingPayload.StatusFields;
import dev.llmgw.gateway.support.Eventually;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery's promises, against a collector that answers as the test says: batches by
 * size and by time, tries again what may pass and gives up after its tries, drops the
 * oldest when full (by count and by bytes) without ever making the caller wait, and sends
 * what it holds when closed.
 */
class DeliveryTests {

	@Test
	void aFullBatchLeavesAtOnceAndAPartOneAfterTheInterval() {
		Collector collector = new Collector((batch) -> LogSink.Sent.ALL, 3, Duration.ofMillis(300));
		try (Delivery delivery = delivery(collector, 100, Long.MAX_VALUE)) {
			long start = System.nanoTime();
			for (int i = 0; i < 4; i++) {
				delivery.offer(entry("call-" + i, 10));
			}
			Eventually.within(Duration.ofSeconds(2), () -> collector.batches.size() == 1);
			assertThat(collector.batches.get(0)).containsExactly("call-0", "call-1", "call-2");
			Eventually.within(Duration.ofSeconds(2), () -> collector.batches.size() == 2);
			assertThat(collector.batches.get(1)).containsExactly("call-3");
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("the rest waited its interval")
				.isGreaterThanOrEqualTo(250);
		}
	}

	@Test
	void aLoneEntryLeavesAfterTheInterval() {
		Collector collector = new Collector((batch) -> LogSink.Sent.ALL, 100, Duration.ofMillis(200));
		try (Delivery delivery = delivery(collector, 100, Long.MAX_VALUE)) {
			delivery.offer(entry("alone", 10));
			Eventually.within(Duration.ofSeconds(2), () -> collector.batches.size() == 1);
			Eventually.within(Duration.ofSeconds(2), () -> delivery.pending() == 0);
			delivery.offer(entry("later", 10));
			Eventually.within(Duration.ofSeconds(2), () -> collector.batches.size() == 2);
		}
	}

	@Test
	void aBatchThatMayPassIsTriedAgainAndOneRefusedIsDropped() {
		AtomicInteger tries = new AtomicInteger();
		Collector collector = new Collector((batch) -> {
			int attempt = tries.incrementAndGet();
			if (batch.get(0).summary().id().equals("refused")) {
				return LogSink.Sent.refused(batch, "answered 400");
			}
			return (attempt < 3) ? LogSink.Sent.retry(batch, "answered 503") : LogSink.Sent.ALL;
		}, 1, Duration.ofMillis(10));
		DeliveryCounts counts = new DeliveryCounts(null);
		try (Delivery delivery = new Delivery(collector, counts, 100, Long.MAX_VALUE, Duration.ofSeconds(5))) {
			delivery.offer(entry("flaky", 10));
			Eventually.within(Duration.ofSeconds(10), () -> counts(counts)[0] == 1);
			assertThat(tries.get()).isEqualTo(3);
			assertThat(counts(counts)[1]).as("failed attempts").isEqualTo(2);
			delivery.offer(entry("refused", 10));
			Eventually.within(Duration.ofSeconds(5), () -> counts(counts)[2] == 1);
			assertThat(tries.get()).as("a refusal is not tried again").isEqualTo(4);
		}
	}

	@Test
	void aCollectorThatStaysDownIsGivenUpOnAfterItsTries() {
		AtomicInteger tries = new AtomicInteger();
		Collector collector = new Collector((batch) -> {
			tries.incrementAndGet();
			return LogSink.Sent.retry(batch, "connection refused");
		}, 1, Duration.ofMillis(10));
		DeliveryCounts counts = new DeliveryCounts(null);
		try (Delivery delivery = new Delivery(collector, counts, 100, Long.MAX_VALUE, Duration.ofSeconds(1))) {
			delivery.offer(entry("lost", 10));
			Eventually.within(Duration.ofSeconds(15), () -> counts(counts)[2] == 1);
			assertThat(tries.get()).isEqualTo(Delivery.MAX_ATTEMPTS);
			assertThat(counts(counts)[0]).isZero();
		}
	}

	@Test
	void aFullQueueDropsItsOldestByCountAndByBytesWithoutWaiting() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Collector collector = new Collector((batch) -> {
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return LogSink.Sent.ALL;
		}, 1, Duration.ofMillis(1));
		DeliveryCounts counts = new DeliveryCounts(null);
		try (Delivery delivery = new Delivery(collector, counts, 3, 1_000, Duration.ofSeconds(5))) {
			delivery.offer(entry("stuck", 10));
			Eventually.within(Duration.ofSeconds(2), () -> collector.started.get() == 1);
			long start = System.nanoTime();
			for (int i = 0; i < 1000; i++) {
				delivery.offer(entry("queued-" + i, 10));
			}
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("offering never waits")
				.isLessThan(1000);
			assertThat(counts(counts)[2]).as("all but the newest three dropped").isEqualTo(997);
			// two entries of 600 bytes do not fit in 1,000, so the second pushes out the
			// first as well as the small ones left
			delivery.offer(entry("big-1", 600));
			delivery.offer(entry("big-2", 600));
			assertThat(counts(counts)[2]).isEqualTo(1001);
			delivery.offer(entry("too-big", 1200));
			assertThat(counts(counts)[2]).as("one entry larger than the queue is dropped alone").isEqualTo(1002);
			release.countDown();
			Eventually.within(Duration.ofSeconds(5), () -> counts(counts)[0] == 2);
			assertThat(collector.sent()).containsExactly("stuck", "big-2");
		}
	}

	@Test
	void aBatchStopsAtItsBytesButTakesAtLeastOneEntry() {
		Collector collector = new Collector((batch) -> LogSink.Sent.ALL, 100, Duration.ofMillis(100)) {

			@Override
			public Batching batching() {
				return new Batching(100, Duration.ofMillis(100), 250);
			}

		};
		try (Delivery delivery = delivery(collector, 100, Long.MAX_VALUE)) {
			delivery.offer(entry("a", 100));
			delivery.offer(entry("b", 100));
			delivery.offer(entry("c", 100));
			delivery.offer(entry("huge", 1000));
			Eventually.within(Duration.ofSeconds(5), () -> collector.sent().size() == 4);
			assertThat(collector.batches).containsExactly(List.of("a", "b"), List.of("c"), List.of("huge"));
		}
	}

	@Test
	void closingSendsWhatIsQueued() {
		Collector collector = new Collector((batch) -> LogSink.Sent.ALL, 100, Duration.ofHours(1));
		Delivery delivery = delivery(collector, 100, Long.MAX_VALUE);
		delivery.offer(entry("a", 10));
		delivery.offer(entry("b", 10));
		delivery.close();
		assertThat(collector.sent()).containsExactly("a", "b");
		assertThat(collector.closed).isTrue();
		delivery.offer(entry("after", 10));
		assertThat(collector.sent()).doesNotContain("after");
	}

	private static long[] counts(DeliveryCounts counts) {
		return counts.snapshot().getOrDefault("test", new long[3]);
	}

	private static Delivery delivery(Collector collector, int capacity, long bytes) {
		return new Delivery(collector, new DeliveryCounts(null), capacity, bytes, Duration.ofSeconds(5));
	}

	static LogEntry entry(String id, int jsonBytes) {
		StandardLoggingPayload payload = new StandardLoggingPayload(id, id, id, "acompletion", null, 0, null, null,
				"success", new StatusFields("success", "not_run"), "openai", 0, 0, 0, 0, 0, 0, 0,
				new ModelMapInformation("", null), "m", "", "m", "",
				new Metadata(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
						null, null, null, null, null, null, null, List.of(), null, null, null, null),
				false, null, 0, List.of(), null, null, null, null, null, null, ErrorInformation.NONE, Map.of(),
				new HiddenParams(null, null, null, 0, null, null, null, null, null), null, null);
		return LogEntry.of(payload, new byte[jsonBytes]);
	}

	/** A collector answering as told, recording what it was sent. */
	static class Collector implements LogSink {

		final List<List<String>> batches = new CopyOnWriteArrayList<>();

		final AtomicInteger started = new AtomicInteger();

		volatile boolean closed;

		private final Function<List<LogEntry>, Sent> answer;

		private final int batchSize;

		private final Duration interval;

		Collector(Function<List<LogEntry>, Sent> answer, int batchSize, Duration interval) {
			this.answer = answer;
			this.batchSize = batchSize;
			this.interval = interval;
		}

		List<String> sent() {
			List<String> all = new ArrayList<>();
			this.batches.forEach(all::addAll);
			return all;
		}

		@Override
		public String name() {
			return "test";
		}

		@Override
		public Batching batching() {
			return new Batching(this.batchSize, this.interval);
		}

		@Override
		public Sent send(List<LogEntry> batch) {
			this.started.incrementAndGet();
			Sent sent = this.answer.apply(batch);
			if (sent.retry().isEmpty() && sent.refused() == 0) {
				this.batches.add(batch.stream().map((entry) -> entry.summary().id()).toList());
			}
			return sent;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
