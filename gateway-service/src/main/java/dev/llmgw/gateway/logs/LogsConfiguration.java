package dev.llmgw.gateway.logs;

import java.util.Locale;
import java.util.Map;

import dev.llmgw.gateway.config.GatewayConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * JSON log lines with {@code litellm_settings.json_logs: true} or {@code JSON_LOGS=True},
 * as LiteLLM: switched on once config.yaml is read, so the few lines of the start before
 * it stay plain.
 */
@Configuration(proxyBeanMethods = false)
public class LogsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(LogsConfiguration.class);

	@Bean
	JsonLogsSwitch jsonLogsSwitch(GatewayConfig config, Environment environment) {
		boolean on = config.litellmSettings().jsonLogs()
				|| Boolean.parseBoolean(environment.getProperty("JSON_LOGS", "false").trim());
		if (on) {
			log.info("Logs: JSON lines from here on (json_logs)");
		}
		SecretMaskingEncoder.jsonLines(on);
		return new JsonLogsSwitch(on);
	}

	/**
	 * LiteLLM's verbosity settings, as the gateway's own log level ({@code dev.llmgw}):
	 * {@code detailed_debug}, {@code set_verbose} or {@code LITELLM_LOG=DEBUG} turn on
	 * DEBUG, {@code debug} or {@code LITELLM_LOG=INFO} keep INFO (the default). The
	 * libraries' levels stay as they are, since theirs may print request headers. Spring
	 * Boot's {@code logging.level.dev.llmgw} (LOGGING_LEVEL_DEV_LLMGW), when set, wins.
	 */
	@Bean
	LogLevelSwitch logLevelSwitch(GatewayConfig config, Environment environment) {
		String variable = config.environment().get("LITELLM_LOG");
		String fromVariable = (variable != null) ? variable.trim().toUpperCase(Locale.ROOT) : "";
		if (!fromVariable.isEmpty() && !fromVariable.equals("DEBUG") && !fromVariable.equals("INFO")) {
			log.warn("LITELLM_LOG={}: only DEBUG and INFO are read (as LiteLLM); the log level stays as it is",
					LogValues.escape(variable));
		}
		Map<String, Object> settings = config.litellmSettings().raw();
		boolean debug = fromVariable.equals("DEBUG") || truthy(settings.get("detailed_debug"))
				|| truthy(settings.get("set_verbose"));
		LogLevel level = debug ? LogLevel.DEBUG : LogLevel.INFO;
		if (environment.getProperty("logging.level.dev.llmgw") == null) {
			LoggingSystem.get(LogsConfiguration.class.getClassLoader()).setLogLevel("dev.llmgw", level);
			if (debug) {
				log.info("Logs: the gateway's own DEBUG lines on (detailed_debug, set_verbose or LITELLM_LOG=DEBUG)");
			}
		}
		return new LogLevelSwitch(level);
	}

	private static boolean truthy(@Nullable Object value) {
		return value != null && Boolean.parseBoolean(String.valueOf(value).trim());
	}

	/** The gateway's own log level, as LiteLLM's settings asked. */
	record LogLevelSwitch(LogLevel level) {

	}

	/** Whether log lines are JSON. */
	record JsonLogsSwitch(boolean on) {

	}

}
