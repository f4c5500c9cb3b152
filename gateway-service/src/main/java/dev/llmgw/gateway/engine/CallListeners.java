package dev.llmgw.gateway.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.llmgw.gateway.web.CallLog;
import dev.llmgw.gateway.web.TraceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each end-of-call record to every listener, each through its own bounded queue
 * drained by its own thread. Publishing never blocks (it runs on event loops): a full
 * queue drops the record for that listener alone and counts it. On shutdown each queue is
 * drained before its listener's own resources close (this bean depends on the listeners,
 * so it closes first).
 */
public final class CallListeners implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(CallListeners.class);

	private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final List<Lane> lanes = new ArrayList<>();

	private final List<Inline> inline = new ArrayList<>();

	private final boolean bodies;

	public CallListeners(List<CallListener> listeners) {
		boolean wanted = false;
		for (CallListener listener : listeners) {
			if (listener.inline()) {
				this.inline.add(new Inline(listener));
			}
			else {
				Lane lane = new Lane(listener);
				this.lanes.add(lane);
				lane.thread.start();
			}
			wanted |= listener.wantsBodies();
		}
		this.bodies = wanted;
	}

	/** Whether any listener reads the bodies (else records carry none). */
	boolean wantBodies() {
		return this.bodies;
	}

	/** Queues the record for every listener; never blocks. */
	public void publish(CallRecord record) {
		// the copy without bodies is made once, for every listener that did not ask
		CallRecord bare = this.bodies ? record.withoutBodies() : record;
		for (Inline listener : this.inline) {
			listener.handle(listener.listener.wantsBodies() ? record : bare);
		}
		for (Lane lane : this.lanes) {
			lane.offer(lane.listener.wantsBodies() ? record : bare);
		}
	}

	/** Records each listener dropped because its queue was full, by listener name. */
	public Map<String, Long> dropped() {
		Map<String, Long> dropped = new LinkedHashMap<>();
		this.lanes.forEach((lane) -> dropped.put(lane.listener.name(), lane.dropped.get()));
		return dropped;
	}

	/** Records each listener failed on, by listener name. */
	public Map<String, Long> failed() {
		Map<String, Long> failed = new LinkedHashMap<>();
		this.inline.forEach((listener) -> failed.put(listener.listener.name(), listener.failed.get()));
		this.lanes.forEach((lane) -> failed.put(lane.listener.name(), lane.handler.failed.get()));
		return failed;
	}

	@Override
	public void close() {
		long deadline = System.nanoTime() + DRAIN_NANOS;
		this.lanes.forEach(Lane::stop);
		for (Lane lane : this.lanes) {
			try {
				lane.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (lane.thread.isAlive()) {
				log.warn("Call listener {} did not finish its queue in time: {} records not handled",
						lane.listener.name(), lane.size.get());
				lane.thread.interrupt();
			}
		}
	}

	/** A listener run on the thread that ended the call (or by its lane). */
	private static final class Inline {

		private final CallListener listener;

		private final AtomicLong failed = new AtomicLong();

		Inline(CallListener listener) {
			this.listener = listener;
		}

		void handle(CallRecord record) {
			try {
				this.listener.onCallEnd(record);
			}
			catch (RuntimeException ex) {
				if (this.failed.getAndIncrement() % 1000 == 0) {
					CallLog.about(log.atWarn(), record.callId(), TraceId.of(record.attributes()))
						.setCause(ex)
						.log("Call listener {} failed on call {} ({} failures so far)", this.listener.name(),
								record.callId(), this.failed.get());
				}
			}
		}

	}

	/**
	 * One listener's queue and thread. Lock-free on the publishing side: an event loop
	 * must not park on a lock, so the queue is a linked queue with a counted bound, and
	 * the thread sleeps only when it has nothing to do.
	 */
	private static final class Lane implements Runnable {

		private final CallListener listener;

		private final ConcurrentLinkedQueue<CallRecord> queue = new ConcurrentLinkedQueue<>();

		private final AtomicInteger size = new AtomicInteger();

		private final AtomicLong dropped = new AtomicLong();

		private final Inline handler;

		private final Thread thread;

		private volatile boolean waiting;

		private volatile boolean stopping;

		Lane(CallListener listener) {
			this.listener = listener;
			this.handler = new Inline(listener);
			this.thread = new Thread(this, "call-listener-" + listener.name());
			this.thread.setDaemon(true);
		}

		void offer(CallRecord record) {
			boolean stopped = this.stopping;
			if (stopped || this.size.incrementAndGet() > this.listener.queueCapacity()) {
				if (!stopped) {
					this.size.decrementAndGet();
				}
				if (this.dropped.getAndIncrement() % 1000 == 0) {
					log.warn("Call listener {} is behind: records dropped so far: {}", this.listener.name(),
							this.dropped.get());
				}
				return;
			}
			this.queue.offer(record);
			if (this.waiting) {
				LockSupport.unpark(this.thread);
			}
		}

		void stop() {
			this.stopping = true;
			LockSupport.unpark(this.thread);
		}

		@Override
		public void run() {
			while (true) {
				CallRecord record = this.queue.poll();
				if (record == null) {
					if (this.stopping) {
						return;
					}
					this.waiting = true;
					// a record offered between the poll and here is seen by this check,
					// or its publisher sees the flag and wakes the thread
					if (this.queue.isEmpty() && !this.stopping) {
						LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
					}
					this.waiting = false;
					continue;
				}
				this.size.decrementAndGet();
				this.handler.handle(record);
			}
		}

	}

}
