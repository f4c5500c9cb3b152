package dev.llmgw.gateway.routing;

import java.util.List;

import dev.llmgw.gateway.error.ContentPolicyViolationError;
import dev.llmgw.gateway.error.GatewayError;

/**
 * The LiteLLM exception kinds a failure is, most specific first, as the retry and
 * allowed-fails policies name them ({@code RateLimitErrorRetries},
 * {@code InternalServerErrorAllowedFails}, ...): a content-policy violation is a bad
 * request too, a bad gateway an internal server error.
 */
final class ErrorKinds {

	private ErrorKinds() {
	}

	static List<String> of(GatewayError error) {
		int status = error.status();
		if (error instanceof ContentPolicyViolationError) {
			return List.of("ContentPolicyViolationError", "BadRequestError");
		}
		return switch (status) {
			case 400, 422 -> List.of("BadRequestError");
			case 401, 403 -> List.of("AuthenticationError");
			case 404 -> List.of("NotFoundError");
			case 408 -> List.of("TimeoutError");
			case 429 -> List.of("RateLimitError");
			case 502 -> List.of("BadGatewayError", "InternalServerError");
			case 503 -> List.of("ServiceUnavailableError");
			default -> (status >= 500) ? List.of("InternalServerError") : List.of();
		};
	}

}
