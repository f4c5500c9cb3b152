package dev.llmgw.gateway.web;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * What a request holds until it ends (a rate-limit slot, a budget reservation), handed
 * back exactly once by whichever comes first: its answer being complete, or the request
 * ending however it ended. It is put in the request before the shared counters are asked,
 * so that something they grant after the request already ended (the client went away
 * while Redis answered) is handed back at once by whoever brought it.
 *
 * @param <T> what is held
 */
public final class HeldUntilEnd<T> {

	private static final Object ENDED = new Object();

	private final AtomicReference<@Nullable Object> held = new AtomicReference<>();

	/**
	 * Holds a value until the request ends.
	 * @return false when the request has already ended: the caller hands it back now
	 */
	public boolean hold(T value) {
		return this.held.compareAndSet(null, value);
	}

	/** Ends the request: what to hand back, or null when nothing is held (any more). */
	@SuppressWarnings("unchecked")
	public @Nullable T end() {
		Object value = this.held.getAndSet(ENDED);
		return (value == ENDED) ? null : (T) value;
	}

}
