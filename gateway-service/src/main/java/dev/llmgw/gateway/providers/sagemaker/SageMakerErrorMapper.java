package dev.llmgw.gateway.providers.sagemaker;

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
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SageMaker Runtime's errors to the gateway's error family, by the type SageMaker names
 * in {@code x-amzn-ErrorType} (the status alone misleads: a ThrottlingException is a
 * 400), as the Bedrock mapper reads the SDK's error code. A {@code ModelError} is the
 * container's failure, mapped by the container's own status that it wraps. TGI reports an
 * over-long prompt only in its message ("`inputs` tokens + `max_new_tokens` must be <=
 * ..."), the one place a message is read, as LiteLLM also reads it.
 */
final class SageMakerErrorMapper implements ProviderErrors {

	static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

	private static final String PREFIX = "SagemakerException - ";

	private static final int MAX_MESSAGE = 500;

	private final JsonMapper mapper;

	SageMakerErrorMapper(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public GatewayError fromResponse(int status, byte[] body, HttpHeaders headers) {
		return map(status, type(headers.get(ERROR_TYPE_HEADER)), body, headers.get("Retry-After"));
	}

	@Override
	public GatewayError map(int status, byte[] body, @Nullable String retryAfter) {
		return map(status, null, body, retryAfter);
	}

	/**
	 * An exception frame that ends a response stream: {@code ModelStreamError} (the
	 * container failed while streaming) or {@code InternalStreamFailure}.
	 * @param type the frame's {@code :exception-type}
	 * @param payload its {@code {"Message", "ErrorCode"}}
	 */
	GatewayError streamException(@Nullable String type, byte[] payload) {
		String kind = (type != null) ? type : "";
		String message = message(kind, payload);
		return switch (kind) {
			case "ModelStreamError" -> new UpstreamError(500, "api_error", "litellm.APIError: " + message, null);
			case "InternalStreamFailure" ->
				new UpstreamError(500, "api_error", "litellm.InternalServerError: " + message, null);
			default -> map(500, kind, payload, null);
		};
	}

	/**
	 * A frame of {@code :message-type: error}, which the event-stream protocol uses for a
	 * failure it has no modelled exception for.
	 */
	GatewayError streamError(@Nullable String code, @Nullable String message) {
		return new UpstreamError(500, "api_error",
				"litellm.APIError: " + PREFIX + code + ": " + ((message != null) ? message : "(no message)"), null);
	}

	private GatewayError map(int status, @Nullable String type, byte[] body, @Nullable String retryAfter) {
		String kind = (type != null) ? type : "";
		String message = message(kind, body);
		return switch (kind) {
			case "ModelError" -> modelError(parse(body), message);
			case "ThrottlingException", "ModelNotReadyException", "ServiceQuotaExceededException" ->
				new RateLimitError("litellm.RateLimitError: " + message, retryAfter);
			case "ValidationError", "ValidationException" -> new BadRequestError("litellm.BadRequestError: " + message);
			case "AccessDeniedException" -> new PermissionDeniedError("litellm.PermissionDeniedError: " + message);
			case "UnrecognizedClientException", "InvalidSignatureException", "IncompleteSignature",
					"MissingAuthenticationToken", "MissingAuthenticationTokenException", "ExpiredTokenException",
					"InvalidClientTokenId", "SignatureDoesNotMatch" ->
				new AuthenticationError("litellm.AuthenticationError: " + message);
			case "ServiceUnavailable", "InternalDependencyException" ->
				new UpstreamError(503, "api_error", "litellm.ServiceUnavailableError: " + message, null);
			case "InternalFailure" ->
				new UpstreamError(500, "api_error", "litellm.InternalServerError: " + message, null);
			default -> byStatus(status, message, retryAfter);
		};
	}

	/** The container's failure, by the status it answered with. */
	private static GatewayError modelError(@Nullable SageMakerErrorBody error, String message) {
		if (error == null) {
			return new UpstreamError(424, "api_error", "litellm.APIError: " + message, null);
		}
		Integer original = error.originalStatusCode();
		int status = (original != null) ? original : 500;
		if (status == 0) {
			// SageMaker gave up waiting for the container
			return new TimeoutError("litellm.Timeout: " + message);
		}
		if (isContextWindow(error.originalMessage())) {
			return new ContextWindowExceededError("litellm.ContextWindowExceededError: " + message);
		}
		return byStatus(status, message, null);
	}

	private static GatewayError byStatus(int status, String message, @Nullable String retryAfter) {
		return switch (status) {
			case 400, 413, 422 -> new BadRequestError("litellm.BadRequestError: " + message);
			case 401 -> new AuthenticationError("litellm.AuthenticationError: " + message);
			case 403 -> new PermissionDeniedError("litellm.PermissionDeniedError: " + message);
			case 404 -> new NotFoundError("litellm.NotFoundError: " + message);
			case 408 -> new TimeoutError("litellm.Timeout: " + message);
			case 429 -> new RateLimitError("litellm.RateLimitError: " + message, retryAfter);
			case 503 -> new UpstreamError(503, "api_error", "litellm.ServiceUnavailableError: " + message, null);
			default -> new UpstreamError((status >= 400) ? status : 500,
					(status >= 500 || status < 400) ? "api_error" : "invalid_request_error",
					"litellm.APIError: " + message, null);
		};
	}

	private static boolean isContextWindow(@Nullable String containerMessage) {
		if (containerMessage == null) {
			return false;
		}
		String lower = containerMessage.toLowerCase(Locale.ROOT);
		// TGI's and vLLM's words for it
		return lower.contains("`inputs` tokens + `max_new_tokens` must be <=")
				|| lower.contains("maximum context length");
	}

	/**
	 * {@code SagemakerException - <type>: <message>}: the service's message, or the
	 * container's status and message for a ModelError, or the body when it is not
	 * SageMaker's JSON.
	 */
	private String message(String type, byte[] body) {
		String detail = describe(body);
		StringBuilder message = new StringBuilder(PREFIX).append(type);
		if (detail != null) {
			message.append(type.isEmpty() ? "" : ": ").append(detail);
		}
		return message.toString();
	}

	private @Nullable String describe(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		SageMakerErrorBody error = parse(body);
		if (error == null) {
			return truncate(new String(body, StandardCharsets.UTF_8));
		}
		if (error.originalStatusCode() != null) {
			String original = (error.originalMessage() != null) ? containerMessage(error.originalMessage())
					: "(no message)";
			return "the endpoint's container answered " + error.originalStatusCode() + ": " + original;
		}
		return (error.text() != null) ? truncate(error.text()) : null;
	}

	/**
	 * TGI's {@code {"error"}} or an OpenAI-style {@code {"error": {"message"}}} from the
	 * container, else its body as it is.
	 */
	private String containerMessage(String original) {
		try {
			JsonNode body = this.mapper.readTree(original);
			JsonNode error = body.path("error");
			String text = error.isString() ? error.asString() : error.path("message").asString(null);
			if (text != null) {
				return truncate(text);
			}
		}
		catch (JacksonException ex) {
			// not JSON: quoted as it is
		}
		return truncate(original);
	}

	/**
	 * SageMaker's error JSON, or null when the body is something else (a proxy's page,
	 * another service's JSON).
	 */
	private @Nullable SageMakerErrorBody parse(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			JsonNode tree = this.mapper.readTree(body);
			for (String member : SageMakerErrorBody.MEMBERS) {
				if (tree.has(member)) {
					return this.mapper.treeToValue(tree, SageMakerErrorBody.class);
				}
			}
			return null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The type without the namespace AWS may append
	 * ({@code ThrottlingException:http://internal.amazon.com/coral/...}).
	 */
	private static @Nullable String type(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		int colon = header.indexOf(':');
		return ((colon < 0) ? header : header.substring(0, colon)).trim();
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_MESSAGE) ? text : text.substring(0, MAX_MESSAGE) + "...";
	}

}
