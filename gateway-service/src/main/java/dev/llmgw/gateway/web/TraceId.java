package dev.llmgw.gateway.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * The request's trace id when it is traced, so that its log lines can name it; written by
 * tracing alone.
 */
public final class TraceId {

	private static final ExchangeAttribute<String> ATTRIBUTE = ExchangeAttribute.of(TraceId.class, String.class);

	private TraceId() {
	}

	public static void put(ServerWebExchange exchange, String traceId) {
		ATTRIBUTE.put(exchange, traceId);
	}

	public static @Nullable String of(ServerWebExchange exchange) {
		return ATTRIBUTE.get(exchange);
	}

	/** The trace id among a finished call's attributes. */
	public static @Nullable String of(Map<String, Object> attributes) {
		return ATTRIBUTE.get(attributes);
	}

}
