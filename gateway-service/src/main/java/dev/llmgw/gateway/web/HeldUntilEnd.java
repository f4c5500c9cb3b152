package dev.llmgw.gateway.web;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

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

	/**
	 * A feature's slot in a request for what it holds: readied before the shared counters
	 * are asked, filled when they grant, ended once.
	 *
	 * @param <T> what is held
	 */
	public static final class Slot<T> {

		private final ExchangeAttribute<HeldUntilEnd<T>> attribute;

		@SuppressWarnings("unchecked")
		private Slot(Class<?> owner) {
			this.attribute = ExchangeAttribute.of(owner, (Class<HeldUntilEnd<T>>) (Class<?>) HeldUntilEnd.class);
		}

		/** The slot of a feature, named after its owner class. */
		public static <T> Slot<T> of(Class<?> owner) {
			return new Slot<>(owner);
		}

		/** Readies the request to hold, before the counters are asked. */
		public void expect(ServerWebExchange exchange) {
			this.attribute.computeIfAbsent(exchange, HeldUntilEnd::new);
		}

		/**
		 * Holds what was granted until the request ends.
		 * @return false when the request has already ended (or was never readied): the
		 * caller hands it back now
		 */
		public boolean keep(ServerWebExchange exchange, T value) {
			HeldUntilEnd<T> held = this.attribute.get(exchange);
			return held != null && held.hold(value);
		}

		/**
		 * Ends the request's hold: what to hand back, or null when nothing (any more).
		 */
		public @Nullable T end(ServerWebExchange exchange) {
			HeldUntilEnd<T> held = this.attribute.get(exchange);
			return (held != null) ? held.end() : null;
		}

		/** As {@link #end(ServerWebExchange)}, from a finished call's record. */
		public @Nullable T end(Map<String, Object> attributes) {
			HeldUntilEnd<T> held = this.attribute.get(attributes);
			return (held != null) ? held.end() : null;
		}

	}

}
