package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * 400: the prompt does not fit the model's context window; context_window_fallbacks react
 * to this type.
 */
public final class ContextWindowExceededError extends GatewayError {

	public ContextWindowExceededError(String message) {
		this(message, "messages", "context_length_exceeded");
	}

	public ContextWindowExceededError(String message, @Nullable String param, @Nullable String code) {
		super(400, "invalid_request_error", message, param, code);
	}

}
