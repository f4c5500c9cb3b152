package dev.llmgw.gateway.providers.gemini;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.ContextWindowExceededError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.error.TimeoutError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.ProviderErrors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gemini's errors, {@code {"error":{"code","message","status","details"}}} in Google's
 * canonical codes (https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes), to
 * the gateway's error family by {@code status}. Two cases need more: a bad key is a 400
 * INVALID_ARGUMENT whose {@code ErrorInfo} detail names the reason API_KEY_INVALID, and
 * an over-long prompt is an INVALID_ARGUMENT with no code of its own, told only by its
 * message ("The input token count (N) exceeds the maximum number of tokens allowed (M)"),
 * the one place a message is read.
 */
final class GeminiErrorMapper implements ProviderErrors {

	private static final int MAX_RAW_MESSAGE = 500;

	private final JsonMapper mapper;

	private final String exceptionName;

	GeminiErrorMapper(JsonMapper mapper) {
		this(mapper, "GeminiException");
	}

	/**
	 * @param exceptionName how messages name the provider, e.g. {@code VertexAIException}
	 * for Gemini on Vertex AI, which answers in the same shape
	 */
	GeminiErrorMapper(JsonMapper mapper, String exceptionName) {
		this.mapper = mapper;
		this.exceptionName = exceptionName;
	}

	@Override
	public GatewayError map(int status, byte[] body, @Nullable String retryAfter) {
		Detail detail = parse(body);
		String message = this.exceptionName + " - " + detail.message();
		if ("API_KEY_INVALID".equals(detail.reason())) {
			return new AuthenticationError("litellm.AuthenticationError: " + message);
		}
		String code = (detail.status() != null) ? detail.status() : "";
		return switch (code) {
			case "INVALID_ARGUMENT", "FAILED_PRECONDITION",
					"OUT_OF_RANGE" ->
				isTokenLimit(detail.message())
						? new ContextWindowExceededError("litellm.ContextWindowExceededError: " + message)
						: new BadRequestError("litellm.BadRequestError: " + message);
			case "UNAUTHENTICATED" -> new AuthenticationError("litellm.AuthenticationError: " + message);
			case "PERMISSION_DENIED" -> new PermissionDeniedError("litellm.PermissionDeniedError: " + message);
			case "NOT_FOUND" -> new NotFoundError("litellm.NotFoundError: " + message);
			case "RESOURCE_EXHAUSTED" -> new RateLimitError("litellm.RateLimitError: " + message,
					(retryAfter != null) ? retryAfter : detail.retryDelay());
			case "UNAVAILABLE" ->
				new UpstreamError(503, "api_error", "litellm.ServiceUnavailableError: " + message, null);
			case "DEADLINE_EXCEEDED" -> new TimeoutError("litellm.Timeout: " + message);
			default -> byStatus(status, message, retryAfter);
		};
	}

	private static GatewayError byStatus(int status, String message, @Nullable String retryAfter) {
		return switch (status) {
			case 400 -> new BadRequestError("litellm.BadRequestError: " + message);
			case 401 -> new AuthenticationError("litellm.AuthenticationError: " + message);
			case 403 -> new PermissionDeniedError("litellm.PermissionDeniedError: " + message);
			case 404 -> new NotFoundError("litellm.NotFoundError: " + message);
			case 429 -> new RateLimitError("litellm.RateLimitError: " + message, retryAfter);
			case 503 -> new UpstreamError(503, "api_error", "litellm.ServiceUnavailableError: " + message, null);
			case 504 -> new TimeoutError("litellm.Timeout: " + message);
			default -> new UpstreamError(status, (status >= 500) ? "api_error" : "invalid_request_error",
					"litellm." + ((status == 500) ? "InternalServerError" : "APIError") + ": " + message, null);
		};
	}

	private static boolean isTokenLimit(String message) {
		String lower = message.toLowerCase(Locale.ROOT);
		return lower.contains("token count") && lower.contains("exceeds");
	}

	private Detail parse(byte[] body) {
		if (body.length == 0) {
			return new Detail("(empty response body)", null, null, null);
		}
		try {
			JsonNode error = this.mapper.readTree(body).path("error");
			if (!error.isObject()) {
				return new Detail(raw(body), null, null, null);
			}
			String reason = null;
			String retryDelay = null;
			for (JsonNode detail : error.path("details")) {
				reason = (reason != null) ? reason : detail.path("reason").asString(null);
				String delay = detail.path("retryDelay").asString(null);
				// RetryInfo's delay is a protobuf Duration such as "38s" or "0.5s"
				if (delay != null && delay.endsWith("s")) {
					retryDelay = Long.toString((long) Math.ceil(Double.parseDouble(delay.replace("s", ""))));
				}
			}
			String message = error.path("message").asString(null);
			return new Detail((message != null) ? message : raw(body), error.path("status").asString(null), reason,
					retryDelay);
		}
		catch (JacksonException | NumberFormatException ex) {
			return new Detail(raw(body), null, null, null);
		}
	}

	private static String raw(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		return (text.length() <= MAX_RAW_MESSAGE) ? text : text.substring(0, MAX_RAW_MESSAGE) + "...";
	}

	/**
	 * @param message Gemini's message
	 * @param status the canonical code name, e.g. RESOURCE_EXHAUSTED
	 * @param reason the ErrorInfo reason, e.g. API_KEY_INVALID
	 * @param retryDelay seconds from RetryInfo, for a 429 without Retry-After
	 */
	private record Detail(String message, @Nullable String status, @Nullable String reason,
			@Nullable String retryDelay) {

	}

}
