package dev.llmgw.gateway.logging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One callback's way out: a bounded queue, emptied in batches by one thread of its own. A
 * batch leaves when {@link LogSink.Batching#size()} entries wait or the oldest has waited
 * {@link LogSink.Batching#flushInterval()}. A batch that fails for a reason that may pass
 * (a 5xx, a 429, a network error) is tried again after a growing pause, up to
 * {@link #MAX_ATTEMPTS} times; meanwhile new entries queue. The queue is bounded both in
 * entries and in bytes: when full, the oldest entry goes, and is counted. So a collector
 * that is down or slow costs the calls nothing and the gateway a bounded amount of
 * memory. Closing sends what is queued, within a deadline.
 */
public final class Delivery implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Delivery.class);

	/** Tries of one batch, the first included. */
	static final int MAX_ATTEMPTS = 4;

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final LogSink sink;

	private final DeliveryCounts counts;

	private final int capacity;

	private final long capacityBytes;

	private final Duration closeDeadline;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final ArrayDeque<Queued> queue = new ArrayDeque<>();

	private long queuedBytes;

	private boolean closing;

	private long closeBy;

	private final Thread worker;

	private final AtomicLong inFlight = new AtomicLong();

	public Delivery(LogSink sink, DeliveryCounts counts, int capacity, long capacityBytes, Duration closeDeadline) {
		this.sink = sink;
		this.counts = counts;
		this.capacity = capacity;
		this.capacityBytes = capacityBytes;
		this.closeDeadline = closeDeadline;
		this.worker = new Thread(this::run, "logging-" + sink.name());
		this.worker.setDaemon(true);
		this.worker.start();
	}

	public LogSink sink() {
		return this.sink;
	}

	/**
	 * Queues one entry; never waits. When the queue is full the oldest entries make room,
	 * each counted as dropped.
	 */
	public void offer(LogEntry entry) {
		int dropped = 0;
		this.lock.lock();
		try {
			if (this.closing || entry.bytes() > this.capacityBytes) {
				// an entry larger than the whole queue would push out every other one
				dropped++;
			}
			else {
				while (!this.queue.isEmpty() && (this.queue.size() >= this.capacity
						|| this.queuedBytes + entry.bytes() > this.capacityBytes)) {
					this.queuedBytes -= this.queue.removeFirst().entry().bytes();
					dropped++;
				}
				this.queue.addLast(new Queued(entry, System.nanoTime()));
				this.queuedBytes += entry.bytes();
				// the first entry starts the interval's clock, a full batch ends the wait
				if (this.queue.size() == 1 || this.queue.size() >= this.sink.batching().size()) {
					this.changed.signal();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		if (dropped > 0) {
			this.counts.dropped(this.sink, dropped);
			if (this.counts.dropped(this.sink) % 1000 < dropped) {
				log.warn("Logging callback {} is behind: {} log entries dropped so far (oldest first)",
						this.sink.name(), this.counts.dropped(this.sink));
			}
		}
	}

	/** Entries waiting, and in a batch being sent. */
	public long pending() {
		this.lock.lock();
		try {
			return this.queue.size() + this.inFlight.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void run() {
		while (true) {
			List<LogEntry> batch;
			try {
				batch = next();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (batch == null) {
				return;
			}
			try {
				deliver(batch);
			}
			catch (Throwable ex) {
				// nothing a sink throws may end the thread: logging would stop silently
				log.warn("Logging callback {} failed on a batch of {}", this.sink.name(), batch.size(), ex);
				this.counts.dropped(this.sink, batch.size());
			}
			finally {
				this.inFlight.set(0);
			}
		}
	}

	/** The next batch, once one is due; null once closed and empty. */
	private List<LogEntry> next() throws InterruptedException {
		long interval = this.sink.batching().flushInterval().toNanos();
		this.lock.lock();
		try {
			while (true) {
				if (this.queue.size() >= this.sink.batching().size() || (this.closing && !this.queue.isEmpty())) {
					return take();
				}
				if (this.closing) {
					return null;
				}
				if (this.queue.isEmpty()) {
					this.changed.await();
					continue;
				}
				long due = this.queue.peekFirst().queuedAt() + interval - System.nanoTime();
				if (due <= 0) {
					return take();
				}
				this.changed.awaitNanos(due);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The oldest entries, up to the batch's size and bytes (at least one). Called under
	 * the lock; the entries count as in flight from here, so {@link #pending} misses
	 * none.
	 */
	private List<LogEntry> take() {
		int size = Math.min(this.queue.size(), this.sink.batching().size());
		long maxBytes = this.sink.batching().maxBytes();
		List<LogEntry> batch = new ArrayList<>(size);
		long bytes = 0;
		while (batch.size() < size) {
			LogEntry next = this.queue.peekFirst().entry();
			if (!batch.isEmpty() && bytes + next.bytes() > maxBytes) {
				break;
			}
			this.queue.removeFirst();
			this.queuedBytes -= next.bytes();
			bytes += next.bytes();
			batch.add(next);
		}
		this.inFlight.set(batch.size());
		return batch;
	}

	private void deliver(List<LogEntry> batch) {
		List<LogEntry> left = batch;
		String error = null;
		Duration backoff = FIRST_BACKOFF;
		int tries = 0;
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			tries = attempt;
			LogSink.Sent sent;
			try {
				sent = this.sink.send(left);
			}
			catch (RuntimeException ex) {
				// a sink's own bug: the batch is not sent again, and the thread lives on
				log.warn("Logging callback {} failed on a batch of {}", this.sink.name(), left.size(), ex);
				this.counts.failed(this.sink, 1);
				this.counts.dropped(this.sink, left.size());
				return;
			}
			this.counts.sent(this.sink, left.size() - sent.retry().size() - sent.refused());
			if (sent.refused() > 0 || !sent.retry().isEmpty()) {
				this.counts.failed(this.sink, 1);
			}
			if (sent.refused() > 0) {
				this.counts.dropped(this.sink, sent.refused());
				log.warn("Logging callback {} refused {} log entries: {}", this.sink.name(), sent.refused(),
						sent.error());
			}
			if (sent.retry().isEmpty()) {
				return;
			}
			left = sent.retry();
			error = sent.error();
			if (attempt == MAX_ATTEMPTS || !pause(backoff)) {
				break;
			}
			backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
		}
		this.counts.dropped(this.sink, left.size());
		log.warn("Logging callback {} gave up on {} log entries after {} tries: {}", this.sink.name(), left.size(),
				tries, error);
	}

	/**
	 * Waits before another try, with jitter so that gateways do not retry in step; false
	 * when the gateway is closing and the deadline does not leave the time.
	 */
	private boolean pause(Duration backoff) {
		long nanos = backoff.toNanos() / 2 + ThreadLocalRandom.current().nextLong(backoff.toNanos() / 2 + 1);
		this.lock.lock();
		try {
			long end = System.nanoTime() + nanos;
			while (true) {
				if (this.closing && end - this.closeBy > 0) {
					return false;
				}
				long left = end - System.nanoTime();
				if (left <= 0) {
					return true;
				}
				this.changed.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Sends what is queued, waiting at most the close deadline; what is left then is
	 * counted as dropped.
	 */
	@Override
	public void close() {
		closing(System.nanoTime() + this.closeDeadline.toNanos());
		awaitClosed();
	}

	/**
	 * Takes no more entries and sends what it holds until {@code deadline}
	 * ({@link System#nanoTime}); several deliveries close together by calling this on
	 * each, then {@link #awaitClosed} on each.
	 */
	void closing(long deadline) {
		this.lock.lock();
		try {
			this.closing = true;
			this.closeBy = deadline;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits for the thread until the deadline, then stops it; what it did not send is
	 * counted as dropped, once; then the sink closes, with no send running on it.
	 */
	void awaitClosed() {
		try {
			this.worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(this.closeBy - System.nanoTime())));
			if (this.worker.isAlive()) {
				int queued;
				this.lock.lock();
				try {
					queued = this.queue.size();
					this.queue.clear();
					this.queuedBytes = 0;
				}
				finally {
					this.lock.unlock();
				}
				// the batch in flight is counted by the thread as it gives up
				this.worker.interrupt();
				this.worker.join(1_000);
				this.counts.dropped(this.sink, queued);
				log.warn("Logging callback {} did not send its last {} log entries in time", this.sink.name(),
						queued + this.inFlight.get());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.sink.close();
	}

	private record Queued(LogEntry entry, long queuedAt) {
	}

}
