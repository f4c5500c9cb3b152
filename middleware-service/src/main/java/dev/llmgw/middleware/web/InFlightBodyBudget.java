package dev.llmgw.middleware.web;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request-body bytes the whole middleware process may hold at once. Without it, a few
 * concurrent large bodies exhaust the heap (each is read whole, copied and parsed) and
 * every caller's connection drops. Bytes are reserved as a body is read and given back
 * when its request ends.
 */
public final class InFlightBodyBudget {

	/**
	 * The share of the maximum heap the default budget takes: parsing a body whose bulk
	 * is one long message peaks at about five times its size (Jackson gathers a long
	 * string in char segments, copies them into one array and that into the String), and
	 * the request sent on to the gateway is written out again; an eighth of the heap in
	 * raw bodies leaves room for that and for everything else. The gateway measures the
	 * same.
	 */
	static final int DEFAULT_HEAP_FRACTION = 8;

	private final long capacity;

	private final AtomicLong used = new AtomicLong();

	public InFlightBodyBudget(long capacity) {
		this.capacity = capacity;
	}

	/**
	 * The budget when none is configured.
	 * @param maxHeap {@link Runtime#maxMemory()}
	 * @return the budget in bytes
	 */
	public static long defaultCapacity(long maxHeap) {
		return maxHeap / DEFAULT_HEAP_FRACTION;
	}

	public long capacity() {
		return this.capacity;
	}

	/** The bytes reserved now, by all requests together. */
	public long used() {
		return this.used.get();
	}

	/**
	 * Reserves {@code bytes} if they fit.
	 * @return whether they were reserved; nothing is reserved when they were not
	 */
	boolean tryReserve(long bytes) {
		while (true) {
			long current = this.used.get();
			long next = current + bytes;
			if (next > this.capacity) {
				return false;
			}
			if (this.used.compareAndSet(current, next)) {
				return true;
			}
		}
	}

	void release(long bytes) {
		this.used.addAndGet(-bytes);
	}

}
