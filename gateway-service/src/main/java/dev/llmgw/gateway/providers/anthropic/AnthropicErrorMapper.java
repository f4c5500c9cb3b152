package dev.llmgw.gateway.providers.anthropic;

import java.nio.charset.StandardCharsets;

import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.ContextWindowExceededError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.error.RequestTooLargeError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.ProviderErrors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Anthropic's error body ({@code {"type":"error","error":{"type","message"}}},
 * https://docs.anthropic.com/en/api/errors) to the gateway's error family, by the error
 * type. An over-long prompt has no type of its own, only an invalid_request_error whose
 * message begins "prompt is too long"; that prefix is the one place the message is read.
 */
final class AnthropicErrorMapper implements ProviderErrors {

	private final JsonMapper mapper;

	AnthropicErrorMapper(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public GatewayError map(int status, byte[] body, @Nullable String retryAfter) {
		String type = null;
		String detail;
		try {
			JsonNode error = this.mapper.readTree(body).path("error");
			type = error.path("type").asString(null);
			detail = error.path("message").asString(null);
		}
		catch (JacksonException ex) {
			detail = null;
		}
		if (detail == null) {
			detail = (body.length == 0) ? "(empty response body)"
					: new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
		}
		String message = "AnthropicException - " + detail;
		String kind = (type != null) ? type : byStatus(status);
		return switch (kind) {
			case "invalid_request_error" -> detail.startsWith("prompt is too long")
					? new ContextWindowExceededError("litellm.ContextWindowExceededError: " + message)
					: new BadRequestError("litellm.BadRequestError: " + message);
			case "authentication_error" -> new AuthenticationError("litellm.AuthenticationError: " + message);
			case "permission_error" -> new PermissionDeniedError("litellm.PermissionDeniedError: " + message);
			case "not_found_error" -> new NotFoundError("litellm.NotFoundError: " + message);
			case "request_too_large" -> new RequestTooLargeError("litellm.BadRequestError: " + message);
			case "rate_limit_error" -> new RateLimitError("litellm.RateLimitError: " + message, retryAfter);
			case "overloaded_error" ->
				new UpstreamError(503, "api_error", "litellm.ServiceUnavailableError: " + message, null);
			default -> new UpstreamError((status >= 400) ? status : 500, "api_error",
					"litellm.InternalServerError: " + message, null);
		};
	}

	private static String byStatus(int status) {
		return switch (status) {
			case 400 -> "invalid_request_error";
			case 401 -> "authentication_error";
			case 403 -> "permission_error";
			case 404 -> "not_found_error";
			case 413 -> "request_too_large";
			case 429 -> "rate_limit_error";
			case 529 -> "overloaded_error";
			default -> "api_error";
		};
	}

}
