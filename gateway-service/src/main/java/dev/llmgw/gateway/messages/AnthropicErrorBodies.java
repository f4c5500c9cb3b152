package dev.llmgw.gateway.messages;

import java.util.Map;

import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.providers.SseFrames;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's errors in Anthropic's shape, for callers of {@code /v1/messages}
 * (https://docs.anthropic.com/en/api/errors): {@code {"type":"error","error":{"type",
 * "message"}}}, the error type chosen by status, so that the Anthropic SDKs raise the
 * matching exception class.
 */
public final class AnthropicErrorBodies {

	private final JsonMapper mapper;

	public AnthropicErrorBodies(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** Whether a request path is the Anthropic Messages API's. */
	public static boolean isMessagesPath(String path) {
		return path.equals("/v1/messages") || path.equals("/anthropic/v1/messages")
				|| path.equals("/v1/messages/count_tokens");
	}

	public byte[] json(GatewayError error) {
		return this.mapper.writeValueAsBytes(
				Map.of("type", "error", "error", Map.of("type", type(error.status()), "message", error.getMessage())));
	}

	/** An {@code error} event, for a failure after the stream started. */
	public byte[] event(GatewayError error) {
		return SseFrames.event("error", json(error));
	}

	static String type(int status) {
		return switch (status) {
			case 400, 422 -> "invalid_request_error";
			case 401 -> "authentication_error";
			case 402, 403 -> "permission_error";
			case 404 -> "not_found_error";
			case 413 -> "request_too_large";
			case 429 -> "rate_limit_error";
			case 503, 529 -> "overloaded_error";
			default -> "api_error";
		};
	}

}
