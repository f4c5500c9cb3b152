package dev.llmgw.gateway.engine;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import dev.llmgw.model.openai.Usage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-of-call listeners are kept apart: a slow, full or failing listener never holds
 * the publisher (an event loop) nor the other listeners.
 */
class CallListenersTests {

	@Test
	void aSlowListenerHoldsNeitherThePublisherNorTheOthers() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Recording slow = new Recording("slow", false, 100, release);
		Recording quick = new Recording("quick", false, 100, null);
		try (CallListeners listeners = new CallListeners(List.of(slow, quick))) {
			long start = System.nanoTime();
			for (int i = 0; i < 10; i++) {
				listeners.publish(record("call-" + i));
			}
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("publishing never waits")
				.isLessThan(1_000);
			eventually(() -> quick.seen.size() == 10);
			assertThat(slow.seen).hasSizeLessThanOrEqualTo(1);
			release.countDown();
			eventually(() -> slow.seen.size() == 10);
			assertThat(slow.seen).as("each listener sees the calls in the order they ended")
				.containsExactlyElementsOf(quick.seen);
		}
	}

	@Test
	void aFullQueueDropsForItsListenerAloneAndCountsIt() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Recording stuck = new Recording("stuck", false, 2, release);
		Recording other = new Recording("other", false, 100, null);
		try (CallListeners listeners = new CallListeners(List.of(stuck, other))) {
			listeners.publish(record("first"));
			// the stuck listener holds the first record: two more fit its queue
			eventually(() -> stuck.entered.getCount() == 0);
			for (int i = 0; i < 5; i++) {
				listeners.publish(record("more-" + i));
			}
			assertThat(listeners.dropped()).containsEntry("stuck", 3L).containsEntry("other", 0L);
			eventually(() -> other.seen.size() == 6);
			release.countDown();
			eventually(() -> stuck.seen.size() == 3);
		}
	}

	@Test
	void aFailingListenerIsCountedAndTheOthersGoOn() {
		CallListener failing = new CallListener() {

			@Override
			public String name() {
				return "failing";
			}

			@Override
			public void onCallEnd(CallRecord record) {
				throw new IllegalStateException("broken on purpose");
			}

		};
		Recording after = new Recording("after", false, 100, null);
		Recording inline = new Recording("inline", true, 100, null);
		try (CallListeners listeners = new CallListeners(List.of(failing, inline, after))) {
			listeners.publish(record("a"));
			listeners.publish(record("b"));
			assertThat(inline.seen).as("an inline listener has run when publish returns").containsExactly("a", "b");
			eventually(() -> after.seen.size() == 2);
			eventually(() -> listeners.failed().get("failing") == 2L);
		}
	}

	@Test
	void closingHandsOverWhatIsQueued() {
		CountDownLatch release = new CountDownLatch(1);
		Recording slow = new Recording("slow", false, 100, release);
		CallListeners listeners = new CallListeners(List.of(slow));
		for (int i = 0; i < 5; i++) {
			listeners.publish(record("call-" + i));
		}
		release.countDown();
		listeners.close();
		assertThat(slow.seen).hasSize(5);
		listeners.publish(record("late"));
		assertThat(listeners.dropped()).as("nothing is taken once closed").containsEntry("slow", 1L);
	}

	@Test
	void bodiesGoOnlyToTheListenersThatAskForThem() {
		Recording reader = new Recording("reader", true, 100, null) {

			@Override
			public boolean wantsBodies() {
				return true;
			}

		};
		Recording other = new Recording("other", true, 100, null);
		try (CallListeners listeners = new CallListeners(List.of(reader, other))) {
			assertThat(listeners.wantBodies()).isTrue();
			listeners.publish(record("a", CallRecord.Bodies.bounded("{\"q\":1}", "{\"a\":2}", List.of())));
			assertThat(reader.records.get(0).bodies().request()).isEqualTo("{\"q\":1}");
			assertThat(other.records.get(0).bodies()).isEqualTo(CallRecord.Bodies.NONE);
		}
	}

	@Test
	void bodiesAreCut() {
		CallRecord.Bodies bodies = CallRecord.Bodies.bounded("x".repeat(CallRecord.Bodies.MAX_CHARS + 10), null,
				List.of());
		assertThat(bodies.request()).hasSize(CallRecord.Bodies.MAX_CHARS);
		assertThat(bodies.response()).isNull();
	}

	static CallRecord record(String callId) {
		return record(callId, CallRecord.Bodies.NONE);
	}

	static CallRecord record(String callId, CallRecord.Bodies bodies) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		return new CallRecord(callId, CallKind.CHAT, "hash", "sk-...abcd", "user", "team", null, "gpt-4o-mini",
				"gpt-4o-mini", "deployment", "gpt-4o-mini", "openai", null, now, 5, now, 10, Usage.of(2, 4), 1e-6,
				false, null, List.of(), 200, true, null, bodies, Map.of(), null, null, "/chat/completions", "127.0.0.1",
				null, new CallRecord.Timings(10_000_000, 1_000_000, 5_000_000), false);
	}

	private static void eventually(BooleanSupplier condition) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 5 s for the listeners").isLessThan(deadline);
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
	}

	static class Recording implements CallListener {

		final String name;

		final boolean inline;

		final int capacity;

		final CountDownLatch release;

		final CountDownLatch entered = new CountDownLatch(1);

		final List<String> seen = new CopyOnWriteArrayList<>();

		final List<CallRecord> records = new CopyOnWriteArrayList<>();

		Recording(String name, boolean inline, int capacity, CountDownLatch release) {
			this.name = name;
			this.inline = inline;
			this.capacity = capacity;
			this.release = release;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public void onCallEnd(CallRecord record) {
			this.entered.countDown();
			if (this.release != null) {
				try {
					this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.records.add(record);
			this.seen.add(record.callId());
		}

		@Override
		public boolean inline() {
			return this.inline;
		}

		@Override
		public int queueCapacity() {
			return this.capacity;
		}

	}

}
