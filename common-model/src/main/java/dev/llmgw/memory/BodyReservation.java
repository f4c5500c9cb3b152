package dev.llmgw.memory;

/**
 * One request's share of the {@link InFlightBodyBudget}: grows as its body arrives (or at
 * once by its Content-Length) and is given back exactly once, when the request ends
 * however it ends. A reservation closed before the body is read reserves nothing more, so
 * a late buffer cannot leak budget.
 */
public final class BodyReservation {

	private final InFlightBodyBudget budget;

	private long reserved;

	private long received;

	private boolean closed;

	public BodyReservation(InFlightBodyBudget budget) {
		this.budget = budget;
	}

	/**
	 * Makes sure {@code bytes} are reserved in all.
	 * @return false when the budget cannot cover them (what was reserved before stays
	 * until {@link #close()})
	 */
	public synchronized boolean cover(long bytes) {
		if (this.closed) {
			return false;
		}
		long missing = bytes - this.reserved;
		if (missing <= 0) {
			return true;
		}
		if (!this.budget.tryReserve(missing)) {
			return false;
		}
		this.reserved = bytes;
		return true;
	}

	/**
	 * Counts a buffer of the body.
	 * @return the bytes received so far
	 */
	public synchronized long received(int bytes) {
		this.received += bytes;
		return this.received;
	}

	/** Gives everything back; later calls do nothing. */
	public synchronized void close() {
		if (!this.closed) {
			this.closed = true;
			this.budget.release(this.reserved);
			this.reserved = 0;
		}
	}

}
