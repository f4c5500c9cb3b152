package dev.llmgw.gateway.logging.generic;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.logging.CallbackSettings;
import dev.llmgw.gateway.logging.LogSink;
import dev.llmgw.gateway.logging.LogSinkFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code generic_api} callback, set up as LiteLLM's: {@code GENERIC_LOGGER_ENDPOINT}
 * and {@code GENERIC_LOGGER_HEADERS} ({@code name=value,name=value}), batches of
 * {@code DEFAULT_BATCH_SIZE} (512) every {@code DEFAULT_FLUSH_INTERVAL_SECONDS} (5), and
 * this gateway's {@code GENERIC_LOGGER_LOG_FORMAT} ({@code json_array}, {@code ndjson},
 * {@code single}).
 */
@Configuration(proxyBeanMethods = false)
public class GenericApiLoggingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(GenericApiLoggingConfiguration.class);

	/** Headers the HTTP client sets itself. */
	private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

	private static final Set<String> FORMATS = Set.of("json_array", "ndjson", "single");

	@Bean
	LogSinkFactory genericApiLogSinkFactory(GatewayConfig config) {
		return new LogSinkFactory() {

			@Override
			public Set<String> names() {
				return Set.of("generic_api", "generic");
			}

			@Override
			public LogSink create() {
				CallbackSettings settings = new CallbackSettings(config.environment());
				URI uri = CallbackSettings.url("GENERIC_LOGGER_ENDPOINT",
						settings.required("GENERIC_LOGGER_ENDPOINT", "generic_api"));
				String format = settings.text("GENERIC_LOGGER_LOG_FORMAT");
				format = (format == null) ? "json_array" : format.toLowerCase(Locale.ROOT);
				if (!FORMATS.contains(format)) {
					throw new ConfigException(
							"GENERIC_LOGGER_LOG_FORMAT must be json_array, ndjson or single, not \"" + format + "\"");
				}
				Map<String, String> headers = headers(settings.text("GENERIC_LOGGER_HEADERS"));
				// the host only: webhook URLs often carry their secret in the path
				log.info("Logging callback generic_api: {} to {} with header(s) {}", format, uri.getHost(),
						headers.keySet());
				return new GenericApiSink("generic_api", uri, headers, format,
						new LogSink.Batching((int) settings.number("DEFAULT_BATCH_SIZE", 512),
								settings.seconds("DEFAULT_FLUSH_INTERVAL_SECONDS", 5), 10_000_000),
						true, true);
			}

			@Override
			public Set<String> types() {
				return Set.of("generic_api");
			}

			/**
			 * A {@code callback_settings} entry, as LiteLLM's: {@code endpoint},
			 * {@code headers} (a map), {@code log_format}, {@code event_types}.
			 */
			@Override
			public LogSink create(String name, Map<?, ?> entry) {
				String path = "callback_settings." + name;
				Object endpoint = entry.get("endpoint");
				if (!(endpoint instanceof String given) || given.isBlank()) {
					throw new ConfigException(path + ".endpoint is required: the URL to post logs to");
				}
				URI uri = CallbackSettings.url(path + ".endpoint", given.trim());
				Map<String, String> headers = new LinkedHashMap<>();
				if (entry.get("headers") instanceof Map<?, ?> configured) {
					configured.forEach((header, value) -> header(headers, String.valueOf(header).trim(),
							String.valueOf(value).trim(), path + ".headers"));
				}
				Object logFormat = entry.get("log_format");
				String format = (logFormat != null) ? logFormat.toString().toLowerCase(Locale.ROOT) : "json_array";
				if (!FORMATS.contains(format)) {
					throw new ConfigException(
							path + ".log_format must be json_array, ndjson or single, not \"" + format + "\"");
				}
				boolean successes = true;
				boolean failures = true;
				if (entry.get("event_types") instanceof List<?> types) {
					successes = types.contains("llm_api_success");
					failures = types.contains("llm_api_failure");
				}
				CallbackSettings settings = new CallbackSettings(config.environment());
				log.info("Logging callback {} (generic_api): {} to {} with header(s) {}", name, format, uri.getHost(),
						headers.keySet());
				return new GenericApiSink(name, uri, headers, format,
						new LogSink.Batching((int) settings.number("DEFAULT_BATCH_SIZE", 512),
								settings.seconds("DEFAULT_FLUSH_INTERVAL_SECONDS", 5), 10_000_000),
						successes, failures);
			}

		};
	}

	/** LiteLLM's format: {@code name=value} pairs separated by commas. */
	static Map<String, String> headers(@Nullable String given) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (given == null || given.isBlank()) {
			return headers;
		}
		for (String pair : given.split(",")) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw new ConfigException("GENERIC_LOGGER_HEADERS must be name=value pairs separated by commas");
			}
			header(headers, pair.substring(0, equals).trim(), pair.substring(equals + 1).trim(),
					"GENERIC_LOGGER_HEADERS");
		}
		return headers;
	}

	private static void header(Map<String, String> headers, String name, String value, String where) {
		if (name.isEmpty() || !name.chars().allMatch((c) -> c > 32 && c < 127 && c != ':')
				|| value.chars().anyMatch((c) -> c < 32) || RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
			throw new ConfigException(where + " has a header name or value that is not allowed");
		}
		headers.put(name, value);
	}

}
