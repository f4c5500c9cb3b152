package dev.llmgw.gateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a bad config.yaml as one clear line at start-up instead of a bean-creation stack
 * trace.
 */
public final class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
		return new FailureAnalysis("Invalid gateway config: " + cause.getMessage(),
				"Fix the value named above in config.yaml (or the file named by CONFIG_FILE_PATH) and start again.",
				cause);
	}

}
