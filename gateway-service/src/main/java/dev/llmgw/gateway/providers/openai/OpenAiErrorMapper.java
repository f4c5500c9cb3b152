package dev.llmgw.gateway.providers.openai;

import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.ContentPolicyViolationError;
import dev.llmgw.gateway.error.ContextWindowExceededError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.error.TimeoutError;
import dev.llmgw.gateway.error.UpstreamError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an OpenAI-compatible provider's error response into the gateway's error family,
 * by status and by the body's {@code code}, never by sniffing the message. The caller
 * sees the provider's own message, prefixed as LiteLLM does
 * ({@code OpenAIException - ...}) so that it is clear the provider, not the gateway,
 * refused.
 */
public final class OpenAiErrorMapper {

	private static final int MAX_RAW_MESSAGE = 500;

	private final JsonMapper mapper;

	public OpenAiErrorMapper(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public GatewayError map(int status, byte[] body, @Nullable String retryAfter, String provider) {
		Detail detail = parse(body);
		String message = exceptionName(provider) + " - " + detail.message;
		String code = detail.code;
		if ("context_length_exceeded".equals(code)) {
			return new ContextWindowExceededError(
					"litellm.ContextWindowExceededError: litellm.BadRequestError: " + message, detail.type,
					(detail.param != null) ? detail.param : "messages");
		}
		if ("content_policy_violation".equals(code) || "content_filter".equals(code)) {
			return new ContentPolicyViolationError("litellm.ContentPolicyViolationError: " + message, detail.type,
					detail.param);
		}
		return switch (status) {
			case 400 -> new BadRequestError("litellm.BadRequestError: " + message, detail.type, detail.param);
			case 401 -> new AuthenticationError("litellm.AuthenticationError: " + message, detail.type, null);
			case 403 -> new PermissionDeniedError("litellm.PermissionDeniedError: " + message, detail.type, null);
			case 404 -> new NotFoundError("litellm.NotFoundError: " + message, detail.type, detail.param);
			case 408 -> new TimeoutError("litellm.Timeout: " + message);
			case 429 -> new RateLimitError("litellm.RateLimitError: " + message, retryAfter, detail.type);
			default -> new UpstreamError(status, detail.typeOr((status >= 500) ? "api_error" : "invalid_request_error"),
					"litellm." + className(status) + ": " + message, detail.param);
		};
	}

	private static String className(int status) {
		return switch (status) {
			case 422 -> "UnprocessableEntityError";
			case 500 -> "InternalServerError";
			case 502 -> "BadGatewayError";
			case 503 -> "ServiceUnavailableError";
			default -> "APIError";
		};
	}

	private Detail parse(byte[] body) {
		if (body.length == 0) {
			return new Detail("(empty response body)", null, null, null);
		}
		try {
			JsonNode root = this.mapper.readTree(body);
			JsonNode error = root.path("error");
			if (error.isString()) {
				return new Detail(error.asString(), null, null, null);
			}
			JsonNode source = error.isObject() ? error : root;
			String message = text(source, "message");
			if (message == null) {
				message = text(root, "detail");
			}
			return new Detail((message != null) ? message : truncate(new String(body)), text(source, "type"),
					text(source, "param"), text(source, "code"));
		}
		catch (JacksonException ex) {
			return new Detail(truncate(new String(body)), null, null, null);
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		return value.isValueNode() ? value.asString() : value.toString();
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_RAW_MESSAGE) ? text : text.substring(0, MAX_RAW_MESSAGE) + "...";
	}

	private static String exceptionName(String provider) {
		return switch (provider) {
			case "openai" -> "OpenAIException";
			case "azure" -> "AzureException";
			default -> provider + "Exception";
		};
	}

	private record Detail(String message, @Nullable String type, @Nullable String param, @Nullable String code) {

		String typeOr(String fallback) {
			return (this.type != null) ? this.type : fallback;
		}

	}

}
