package dev.llmgw.gateway.error;

/**
 * The class name LiteLLM gives a failure (its exceptions follow OpenAI's), for metrics
 * and logs that dashboards built for LiteLLM filter on: most of this gateway's errors
 * carry the same name already; a provider's answer with another 4xx/5xx status and a
 * provider that cannot be reached are named as LiteLLM names them.
 */
public final class LitellmExceptionNames {

	private LitellmExceptionNames() {
	}

	/**
	 * @param errorClass this gateway's error type ({@code getSimpleName()})
	 * @param status the HTTP status it was sent with
	 */
	public static String of(String errorClass, int status) {
		return switch (errorClass) {
			case "UpstreamError" -> switch (status) {
				case 400 -> "BadRequestError";
				case 401 -> "AuthenticationError";
				case 403 -> "PermissionDeniedError";
				case 404 -> "NotFoundError";
				case 408 -> "Timeout";
				case 422 -> "UnprocessableEntityError";
				case 429 -> "RateLimitError";
				case 502 -> "BadGatewayError";
				case 503 -> "ServiceUnavailableError";
				case 500 -> "InternalServerError";
				default -> "APIError";
			};
			case "UpstreamUnavailableError" -> "APIConnectionError";
			case "TimeoutError" -> "Timeout";
			case "InternalError" -> "InternalServerError";
			default -> errorClass;
		};
	}

}
