package dev.llmgw.gateway.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * What the OpenTelemetry SDK is configured with: the standard {@code OTEL_*} variables
 * (read through Spring's environment, so {@code --otel.exporter.otlp.endpoint=...} works
 * too), LiteLLM's own names where the standard ones are absent ({@code OTEL_EXPORTER},
 * {@code OTEL_ENDPOINT}, {@code OTEL_HEADERS}), and LiteLLM's defaults: service
 * {@code litellm}, and without an endpoint the {@code console} exporter (spans in the
 * log). Spans leave over OTLP/HTTP (the JDK's client); a gRPC protocol stops the start
 * with what to set instead, rather than exporting nothing.
 */
final class OtelSettings {

	/** Standard keys passed to the SDK as they are, when set. */
	private static final List<String> PASSED = List.of("otel.exporter.otlp.endpoint",
			"otel.exporter.otlp.traces.endpoint", "otel.exporter.otlp.headers", "otel.exporter.otlp.traces.headers",
			"otel.exporter.otlp.timeout", "otel.exporter.otlp.traces.timeout", "otel.service.name",
			"otel.resource.attributes", "otel.traces.sampler", "otel.traces.sampler.arg", "otel.bsp.schedule.delay",
			"otel.bsp.max.queue.size", "otel.bsp.max.export.batch.size", "otel.bsp.export.timeout");

	private OtelSettings() {
	}

	/** The SDK's properties. */
	static Map<String, String> properties(Environment environment) {
		Map<String, String> properties = new HashMap<>();
		properties.put("otel.service.name", "litellm");
		properties.put("otel.metrics.exporter", "none");
		properties.put("otel.logs.exporter", "none");
		for (String key : PASSED) {
			String value = environment.getProperty(key);
			if (value != null && !value.isBlank()) {
				properties.put(key, value);
			}
		}
		String liteLlmEndpoint = environment.getProperty("otel.endpoint");
		if (liteLlmEndpoint != null && !liteLlmEndpoint.isBlank()
				&& !properties.containsKey("otel.exporter.otlp.endpoint")
				&& !properties.containsKey("otel.exporter.otlp.traces.endpoint")) {
			properties.put("otel.exporter.otlp.traces.endpoint", tracesEndpoint(liteLlmEndpoint.trim()));
		}
		String liteLlmHeaders = environment.getProperty("otel.headers");
		if (liteLlmHeaders != null && !liteLlmHeaders.isBlank()
				&& !properties.containsKey("otel.exporter.otlp.headers")) {
			properties.put("otel.exporter.otlp.headers", liteLlmHeaders);
		}
		for (String key : List.of("otel.exporter.otlp.headers", "otel.exporter.otlp.traces.headers")) {
			checkHeaders(key, properties.get(key));
		}
		String protocol = first(environment, "otel.exporter.otlp.traces.protocol", "otel.exporter.otlp.protocol",
				"otel.exporter");
		boolean endpoint = properties.containsKey("otel.exporter.otlp.endpoint")
				|| properties.containsKey("otel.exporter.otlp.traces.endpoint");
		properties.put("otel.traces.exporter", exporter(protocol, endpoint));
		properties.put("otel.exporter.otlp.protocol", "http/protobuf");
		return properties;
	}

	/** LiteLLM's exporter names and the standard protocols, to the SDK's exporter. */
	private static String exporter(@Nullable String protocol, boolean endpoint) {
		if (protocol == null || protocol.isBlank()) {
			return endpoint ? "otlp" : "logging";
		}
		return switch (protocol.trim()) {
			case "otlp_http", "http/protobuf", "http/json", "http" -> "otlp";
			case "console" -> endpoint ? "otlp" : "logging";
			case "grpc", "otlp_grpc" -> throw new ConfigException("OTEL_EXPORTER_OTLP_PROTOCOL / OTEL_EXPORTER: "
					+ protocol.trim() + " is not supported: this gateway exports OTLP over HTTP; set http/protobuf "
					+ "and the collector's HTTP endpoint (port 4318)");
			default -> throw new ConfigException("OTEL_EXPORTER_OTLP_PROTOCOL / OTEL_EXPORTER: expected "
					+ "http/protobuf, otlp_http or console, got " + protocol.trim());
		};
	}

	/**
	 * Headers are {@code name=value} pairs separated by commas; the SDK's own complaint
	 * about a malformed list would print the list, token included, so it is checked here
	 * and named without its values.
	 */
	private static void checkHeaders(String key, @Nullable String headers) {
		if (headers == null) {
			return;
		}
		for (String pair : headers.split(",")) {
			int equals = pair.indexOf('=');
			if (pair.isBlank() || equals <= 0 || pair.substring(0, equals).isBlank()) {
				throw new ConfigException(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_')
						+ " (or OTEL_HEADERS): expected name=value pairs separated by commas; the value is not shown");
			}
		}
	}

	/** An endpoint for the log, without user and password. */
	static String shown(String endpoint) {
		int scheme = endpoint.indexOf("://");
		int at = endpoint.indexOf('@');
		int path = endpoint.indexOf('/', (scheme < 0) ? 0 : scheme + 3);
		if (scheme < 0 || at < 0 || (path >= 0 && at > path)) {
			return endpoint;
		}
		return endpoint.substring(0, scheme + 3) + "***@" + endpoint.substring(at + 1);
	}

	/** LiteLLM appends {@code /v1/traces} to an endpoint without it. */
	static String tracesEndpoint(String endpoint) {
		String trimmed = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
		return trimmed.endsWith("/v1/traces") ? trimmed : trimmed + "/v1/traces";
	}

	/**
	 * Whether prompt and answer text go on the spans (the GenAI instrumentations'
	 * switch).
	 */
	static boolean captureContent(Environment environment) {
		return Boolean.parseBoolean(
				environment.getProperty("otel.instrumentation.genai.capture-message-content", "false").trim());
	}

	private static @Nullable String first(Environment environment, String... keys) {
		for (String key : keys) {
			String value = environment.getProperty(key);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

}
