package dev.llmgw.gateway.tracing;

import java.util.Map;

import dev.llmgw.gateway.web.ExchangeAttribute;
import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * The request's server span, tracing's own slot in the request's attributes, with what
 * places the call's parts on it: a {@link System#nanoTime} reading and the wall-clock
 * time it stands for, both at the request's arrival.
 *
 * @param span the server span
 * @param arrivalNanos {@link System#nanoTime} at arrival
 * @param arrivalEpochNanos the wall-clock time of arrival, in epoch nanoseconds
 */
record CallSpan(Span span, long arrivalNanos, long arrivalEpochNanos) {

	private static final ExchangeAttribute<CallSpan> ATTRIBUTE = ExchangeAttribute.of(CallSpan.class, CallSpan.class);

	static void attach(ServerWebExchange exchange, CallSpan span) {
		ATTRIBUTE.put(exchange, span);
	}

	static @Nullable CallSpan of(Map<String, Object> attributes) {
		return ATTRIBUTE.get(attributes);
	}

	/** The wall-clock time of a {@link System#nanoTime} reading taken during the call. */
	long epochOf(long nanos) {
		return this.arrivalEpochNanos + (nanos - this.arrivalNanos);
	}

	/** The wall-clock time of an offset from the call's arrival. */
	long epochAtOffset(long offsetNanos) {
		return this.arrivalEpochNanos + offsetNanos;
	}

}
