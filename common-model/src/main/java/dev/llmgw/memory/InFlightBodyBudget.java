package dev.llmgw.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request-body bytes the whole process (gateway or middleware) may hold at once. The
 * per-request limit ({@code general_settings.max_request_size_mb}) alone does not bound
 * memory: eight concurrent bodies at the limit can exhaust the heap (and the direct
 * memory Netty reads them into, which by default is as large as the heap), and the
 * process dies for everyone. Bytes are reserved as a body is read and given back when its
 * request ends.
 */
public final class InFlightBodyBudget {

	/**
	 * The share of the maximum heap the default budget takes. Measured on the packaged
	 * jar: parsing one body of N bytes, mostly a single long message, peaks at about five
	 * times N on the heap (Jackson gathers a long string in char segments, copies them
	 * into one array and that into the String), and the provider's request built from it
	 * adds more; a 128 MB heap survives one 16 MB body and dies of one of 24 MB. An
	 * eighth of the heap in raw bodies leaves room for that and for everything else.
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
	public boolean tryReserve(long bytes) {
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

	public void release(long bytes) {
		this.used.addAndGet(-bytes);
	}

}
