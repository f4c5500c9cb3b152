package dev.llmgw.gateway.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * A request's call id and start, set once when it arrives and never changed: what every
 * feature may read. What the features learn later (the caller, the model call, its
 * reservations) each keeps in its own {@link ExchangeAttribute}.
 *
 * @param callId the call's id, sent back as {@code x-litellm-call-id}
 * @param startNanos when the request arrived, for durations
 * @param startTime when the request arrived, for records
 */
public record CallContext(String callId, long startNanos, OffsetDateTime startTime) {

	private static final ExchangeAttribute<CallContext> ATTRIBUTE = ExchangeAttribute.of(CallContext.class,
			CallContext.class);

	public static CallContext of(ServerWebExchange exchange) {
		CallContext context = ATTRIBUTE.get(exchange);
		return (context != null) ? context : start(exchange, CallIds.next());
	}

	/** An ended request's context, from its record's attributes. */
	public static @Nullable CallContext of(Map<String, Object> attributes) {
		return ATTRIBUTE.get(attributes);
	}

	static CallContext start(ServerWebExchange exchange, String callId) {
		CallContext context = new CallContext(callId, System.nanoTime(), OffsetDateTime.now(ZoneOffset.UTC));
		ATTRIBUTE.put(exchange, context);
		return context;
	}

}
