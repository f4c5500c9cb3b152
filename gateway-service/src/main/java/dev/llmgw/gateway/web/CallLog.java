package dev.llmgw.gateway.web;

import org.jspecify.annotations.Nullable;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.web.server.ServerWebExchange;

/**
 * A log line about one call carries its {@code call_id} and, when the call is traced, its
 * {@code trace_id} as key-value pairs: JSON lines ({@code json_logs}) write them as
 * fields, so an operator can find every line of a call, not only its access line; plain
 * lines ignore them and keep naming the call in their text. Only the few lines written
 * during a call go through here, so no call pays for a logging context it does not use.
 */
public final class CallLog {

	private CallLog() {
	}

	/**
	 * @param line the line being built ({@code log.atWarn()})
	 * @param exchange the call's exchange
	 * @return the line, with the call's ids
	 */
	public static LoggingEventBuilder about(LoggingEventBuilder line, ServerWebExchange exchange) {
		return about(line, CallContext.of(exchange).callId(), TraceId.of(exchange));
	}

	/**
	 * @param line the line being built
	 * @param callId the call's id
	 * @param traceId its trace id, null when it is not traced
	 * @return the line, with the call's ids
	 */
	public static LoggingEventBuilder about(LoggingEventBuilder line, String callId, @Nullable String traceId) {
		line.addKeyValue("call_id", callId);
		return (traceId != null) ? line.addKeyValue("trace_id", traceId) : line;
	}

}
