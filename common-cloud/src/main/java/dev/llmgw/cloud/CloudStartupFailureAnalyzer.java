package dev.llmgw.cloud;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a failed S3 or Secrets Manager read as one clear line at start-up instead of a
 * stack trace.
 */
public final class CloudStartupFailureAnalyzer extends AbstractFailureAnalyzer<CloudStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CloudStartupException cause) {
		return new FailureAnalysis("Cannot start: " + cause.getMessage(),
				"Check that the variable names an existing object or secret in this account and region, and that "
						+ "the task or pod role may read it (s3:GetObject, secretsmanager:GetSecretValue).",
				cause);
	}

}
