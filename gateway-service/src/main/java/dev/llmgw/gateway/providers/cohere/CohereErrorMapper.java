package dev.llmgw.gateway.providers.cohere;

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
 * Cohere's errors, {@code {"id","message"}} with the meaning in the status alone
 * (https://docs.cohere.com/reference/errors), to the gateway's error family. Cohere has
 * no error code for an over-long prompt, only a 400 whose message says so ("too many
 * tokens", "too long"); that message is the one place read, as LiteLLM also does.
 */
final class CohereErrorMapper implements ProviderErrors {

	private static final int MAX_RAW_MESSAGE = 500;

	private final JsonMapper mapper;

	CohereErrorMapper(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public GatewayError map(int status, byte[] body, @Nullable String retryAfter) {
		String message = "CohereException - " + message(body);
		return switch (status) {
			case 400 ->
				isTooLong(message) ? new ContextWindowExceededError("litellm.ContextWindowExceededError: " + message)
						: new BadRequestError("litellm.BadRequestError: " + message);
			// 498 is Cohere's "invalid token": a key it does not accept
			case 401, 498 -> new AuthenticationError("litellm.AuthenticationError: " + message);
			case 403 -> new PermissionDeniedError("litellm.PermissionDeniedError: " + message);
			case 404 -> new NotFoundError("litellm.NotFoundError: " + message);
			case 422 ->
				new UpstreamError(422, "invalid_request_error", "litellm.UnprocessableEntityError: " + message, null);
			case 429 -> new RateLimitError("litellm.RateLimitError: " + message, retryAfter);
			// 499: Cohere saw the request cancelled, which only a timing-out caller does
			case 499, 504 -> new TimeoutError("litellm.Timeout: " + message);
			case 503 -> new UpstreamError(503, "api_error", "litellm.ServiceUnavailableError: " + message, null);
			default -> new UpstreamError(status, (status >= 500) ? "api_error" : "invalid_request_error",
					"litellm." + ((status == 500) ? "InternalServerError" : "APIError") + ": " + message, null);
		};
	}

	private static boolean isTooLong(String message) {
		String lower = message.toLowerCase(Locale.ROOT);
		return lower.contains("too many tokens") || lower.contains("too long");
	}

	private String message(byte[] body) {
		if (body.length == 0) {
			return "(empty response body)";
		}
		try {
			JsonNode message = this.mapper.readTree(body).path("message");
			if (message.isString()) {
				return message.asString();
			}
		}
		catch (JacksonException ex) {
			// not JSON, e.g. a proxy's HTML page: show it as it is
		}
		String text = new String(body, StandardCharsets.UTF_8);
		return (text.length() <= MAX_RAW_MESSAGE) ? text : text.substring(0, MAX_RAW_MESSAGE) + "...";
	}

}
