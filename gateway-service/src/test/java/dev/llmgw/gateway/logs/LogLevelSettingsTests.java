package dev.llmgw.gateway.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LiteLLM's verbosity settings turn the gateway's own DEBUG lines on, and only those.
 */
class LogLevelSettingsTests {

	@TempDir
	Path dir;

	@AfterEach
	void restore() {
		// the test JVM is shared: leave the level as the other tests expect it
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel("dev.llmgw", LogLevel.INFO);
	}

	@Test
	void detailedDebugTurnsOnTheGatewaysDebugLinesAndNotTheLibraries() throws IOException {
		assertThat(debugAfterStart("litellm_settings: {detailed_debug: true}\n")).isTrue();
		assertThat(LoggerFactory.getLogger("reactor.netty").isDebugEnabled()).isFalse();
	}

	@Test
	void litellmLogFromTheConfigsEnvironmentVariablesDoesToo() throws IOException {
		assertThat(debugAfterStart("environment_variables: {LITELLM_LOG: DEBUG}\n")).isTrue();
	}

	@Test
	void debugAloneKeepsInfo() throws IOException {
		assertThat(debugAfterStart("litellm_settings: {debug: true, set_verbose: false}\n")).isFalse();
	}

	private boolean debugAfterStart(String yaml) throws IOException {
		Path config = Files.writeString(this.dir.resolve("config.yaml"), yaml);
		try (ConfigurableApplicationContext context = GatewayInstances.startWithConfig(config)) {
			assertThat(context.getBean(LogsConfiguration.LogLevelSwitch.class)).isNotNull();
			return LoggerFactory.getLogger("dev.llmgw.gateway.routing.UsageSync").isDebugEnabled();
		}
	}

}
