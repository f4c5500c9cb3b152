package dev.llmgw.middleware.error;

/**
 * A failure told to an AWS SDK client in Bedrock's own shape: the HTTP status, the
 * {@code x-amzn-ErrorType} header and a {@code {"message": ...}} body, so that the SDK
 * raises the named exception (shared/spec/middleware.md, "Errors on /bedrock routes").
 */
public final class BedrockError extends RuntimeException {

	private final int status;

	private final String type;

	public BedrockError(int status, String type, String message) {
		super(message, null, false, false);
		this.status = status;
		this.type = type;
	}

	/**
	 * The Bedrock error for a gateway error status.
	 * @param status the gateway's status
	 * @param message the gateway's message
	 * @return the error a Bedrock client expects
	 */
	public static BedrockError fromGateway(int status, String message) {
		return switch (status) {
			case 400, 413, 422 -> new BedrockError(400, "ValidationException", message);
			case 401, 403 -> new BedrockError(403, "AccessDeniedException", message);
			case 404 -> new BedrockError(404, "ResourceNotFoundException", message);
			case 408, 504 -> new BedrockError(408, "ModelTimeoutException", message);
			case 429 -> new BedrockError(429, "ThrottlingException", message);
			case 503 -> new BedrockError(503, "ServiceUnavailableException", message);
			case 424, 502 -> new BedrockError(424, "ModelErrorException", message);
			default -> new BedrockError(500, "InternalServerException", message);
		};
	}

	public int status() {
		return this.status;
	}

	public String type() {
		return this.type;
	}

}
