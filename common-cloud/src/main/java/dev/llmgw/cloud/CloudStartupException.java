package dev.llmgw.cloud;

/**
 * A start-up dependency on AWS that failed. The message names the variable and the
 * resource (bucket and key, or secret ARN), never a secret's value.
 */
public class CloudStartupException extends RuntimeException {

	public CloudStartupException(String message) {
		super(message);
	}

	public CloudStartupException(String message, Throwable cause) {
		super(message, cause);
	}

}
