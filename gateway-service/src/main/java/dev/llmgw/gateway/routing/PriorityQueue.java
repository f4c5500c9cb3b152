package dev.llmgw.gateway.routing;

import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.llmgw.gateway.error.RateLimitError;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The waiting line of one saturated model group: at most {@code capacity} calls run at
 * once (the sum of its deployments' {@code max_parallel_requests}); the others wait and
 * are let in by {@code priority} (lower first), then by arrival, as LiteLLM's scheduler
 * promises; one that waits longer than its bound is refused with a 429. A call that finds
 * a free slot and nobody waiting goes straight in.
 */
final class PriorityQueue {

	private static final Comparator<Waiter> ORDER = Comparator.comparingInt((Waiter waiter) -> waiter.priority)
		.thenComparingLong((waiter) -> waiter.arrival);

	private final String group;

	private final int capacity;

	private final java.util.PriorityQueue<Waiter> waiting = new java.util.PriorityQueue<>(ORDER);

	private final Scheduler timer = Schedulers.parallel();

	private int running;

	private long arrivals;

	PriorityQueue(String group, int capacity) {
		this.group = group;
		this.capacity = capacity;
	}

	Mono<Permit> enter(int priority, Duration maxWait) {
		return Mono.create((sink) -> {
			Waiter waiter;
			synchronized (this) {
				if (this.running < this.capacity && this.waiting.isEmpty()) {
					this.running++;
					sink.success(new Permit(this));
					return;
				}
				waiter = new Waiter(priority, this.arrivals++, sink);
				this.waiting.add(waiter);
			}
			var timeout = this.timer.schedule(() -> expire(waiter, maxWait), maxWait.toMillis(), TimeUnit.MILLISECONDS);
			sink.onCancel(() -> {
				timeout.dispose();
				if (waiter.state.compareAndSet(Waiter.WAITING, Waiter.GONE)) {
					remove(waiter);
				}
				else if (waiter.state.get() == Waiter.ADMITTED) {
					// admitted as the caller left: the slot goes to the next in line
					waiter.permit.release();
				}
			});
		});
	}

	int waiting() {
		synchronized (this) {
			return this.waiting.size();
		}
	}

	private void expire(Waiter waiter, Duration maxWait) {
		if (waiter.state.compareAndSet(Waiter.WAITING, Waiter.GONE)) {
			remove(waiter);
			long seconds = Math.max(1, maxWait.toSeconds());
			waiter.sink.error(new RateLimitError("litellm.RateLimitError: model group " + this.group
					+ " is saturated and the request waited " + maxWait.toMillis() + " ms in its priority queue",
					Long.toString(seconds)));
		}
	}

	private synchronized void remove(Waiter waiter) {
		this.waiting.remove(waiter);
	}

	void release() {
		Waiter next;
		synchronized (this) {
			while ((next = this.waiting.poll()) != null) {
				// the permit is set before the state says admitted, so that a caller
				// leaving at that moment finds it to hand back
				next.permit = new Permit(this);
				if (next.state.compareAndSet(Waiter.WAITING, Waiter.ADMITTED)) {
					break;
				}
			}
			if (next == null) {
				this.running--;
				return;
			}
		}
		// the slot passes straight to the next in line
		next.sink.success(next.permit);
	}

	/** One slot, handed back once, whichever way the call ends. */
	static final class Permit {

		private final PriorityQueue queue;

		private final AtomicBoolean released = new AtomicBoolean();

		Permit(PriorityQueue queue) {
			this.queue = queue;
		}

		void release() {
			if (this.released.compareAndSet(false, true)) {
				this.queue.release();
			}
		}

	}

	private static final class Waiter {

		static final int WAITING = 0;

		static final int ADMITTED = 1;

		static final int GONE = 2;

		final int priority;

		final long arrival;

		final MonoSink<Permit> sink;

		final AtomicInteger state = new AtomicInteger(WAITING);

		volatile Permit permit;

		Waiter(int priority, long arrival, MonoSink<Permit> sink) {
			this.priority = priority;
			this.arrival = arrival;
			this.sink = sink;
		}

	}

}
