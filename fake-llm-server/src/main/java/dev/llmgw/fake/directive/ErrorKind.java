package dev.llmgw.fake.directive;

/**
 * The provider failures the fake can simulate, named after the OpenAI SDK's error classes
 * so that each provider package can render them in its own shape.
 */
public enum ErrorKind {

	RATE_LIMIT(429),

	INTERNAL_SERVER(500),

	OVERLOADED(503),

	AUTHENTICATION(401),

	PERMISSION(403),

	NOT_FOUND(404),

	/**
	 * The model took too long; each provider renders it with its own status (Bedrock's
	 * 408, Gemini's and Anthropic's 504).
	 */
	TIMEOUT(408),

	BAD_REQUEST(400),

	CONTEXT_WINDOW_EXCEEDED(400),

	CONTENT_POLICY(400),

	/**
	 * Any other 4xx or 5xx status, given as a number.
	 */
	OTHER(0);

	private final int defaultStatus;

	ErrorKind(int defaultStatus) {
		this.defaultStatus = defaultStatus;
	}

	int defaultStatus() {
		return this.defaultStatus;
	}

}
