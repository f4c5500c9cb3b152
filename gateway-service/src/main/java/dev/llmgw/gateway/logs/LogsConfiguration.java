package dev.llmgw.gateway.logs;

import dev.llmgw.gateway.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	/** Whether log lines are JSON. */
	record JsonLogsSwitch(boolean on) {

	}

}
