package dev.llmgw.fake.google;

import dev.llmgw.fake.http.Json;

/**
 * A refused token request, as Google's token endpoint answers it: {@code {"error",
 * "error_description"}} with the OAuth 2.0 error code. Thrown while an assertion is
 * checked, without a stack trace, since it is an answer, not a fault.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc6749#section-5.2">RFC 6749, 5.2
 * Error Response</a>
 */
final class OAuthError extends RuntimeException {

	private final int status;

	private final String error;

	OAuthError(int status, String error, String description) {
		super(description, null, false, false);
		this.status = status;
		this.error = error;
	}

	/**
	 * {@code invalid_grant}, Google's answer to any assertion it will not accept.
	 */
	static OAuthError invalidGrant(String description) {
		return new OAuthError(400, "invalid_grant", description);
	}

	int status() {
		return this.status;
	}

	byte[] body() {
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("error", this.error);
			json.writeStringProperty("error_description", getMessage());
			json.writeEndObject();
		});
	}

}
