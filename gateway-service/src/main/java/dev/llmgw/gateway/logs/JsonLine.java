package dev.llmgw.gateway.logs;

import java.time.Instant;
import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import org.slf4j.event.KeyValuePair;

/**
 * One log event as one JSON line, LiteLLM's {@code json_logs} format ({@code message},
 * {@code level}, {@code timestamp}, {@code stacktrace}) with the logger, the thread, and
 * what the event carries as key-value pairs or MDC entries ({@code call_id},
 * {@code trace_id} on the access log). Secrets are masked in every value, and every value
 * is escaped, so a caller's text cannot break the line.
 */
final class JsonLine {

	private JsonLine() {
	}

	static String of(ILoggingEvent event) {
		StringBuilder line = new StringBuilder(256).append('{');
		field(line, "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
		field(line, "level", event.getLevel().toString());
		field(line, "logger", event.getLoggerName());
		field(line, "thread", event.getThreadName());
		field(line, "message", event.getFormattedMessage());
		if (event.getKeyValuePairs() != null) {
			for (KeyValuePair pair : event.getKeyValuePairs()) {
				if (pair.value != null) {
					field(line, pair.key, String.valueOf(pair.value));
				}
			}
		}
		Map<String, String> mdc = event.getMDCPropertyMap();
		if (mdc != null) {
			mdc.forEach((key, value) -> field(line, key, value));
		}
		IThrowableProxy thrown = event.getThrowableProxy();
		if (thrown != null) {
			field(line, "stacktrace", ThrowableProxyUtil.asString(thrown));
		}
		return line.append("}\n").toString();
	}

	private static void field(StringBuilder line, String name, String value) {
		if (line.length() > 1) {
			line.append(',');
		}
		string(line, name);
		line.append(':');
		string(line, LogValues.maskSecrets(value));
	}

	private static void string(StringBuilder line, String text) {
		line.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> line.append("\\\"");
				case '\\' -> line.append("\\\\");
				case '\n' -> line.append("\\n");
				case '\r' -> line.append("\\r");
				case '\t' -> line.append("\\t");
				default -> {
					if (c < 0x20 || c == '\u2028' || c == '\u2029') {
						line.append(String.format("\\u%04x", (int) c));
					}
					else {
						line.append(c);
					}
				}
			}
		}
		line.append('"');
	}

}
