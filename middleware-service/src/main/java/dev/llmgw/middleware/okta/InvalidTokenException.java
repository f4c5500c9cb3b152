package dev.llmgw.middleware.okta;

/**
 * A bearer that is not a valid Okta token for this gateway. Its message is for the log,
 * never for the caller, who gets only "Invalid or expired token".
 */
final class InvalidTokenException extends RuntimeException {

	InvalidTokenException(String reason) {
		super(reason, null, false, false);
	}

}
