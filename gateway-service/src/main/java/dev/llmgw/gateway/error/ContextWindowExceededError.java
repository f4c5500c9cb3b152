package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * 400: the prompt does not fit the model's context window; context_window_fallbacks react
 * to this type.
 */
public final class ContextWindowExceededError extends GatewayError {

	public static final String TYPE = "invalid_request_error";

	public ContextWindowExceededError(String message) {
		this(message, null, "messages");
	}

	/**
	 * @param message for a person
	 * @param type the error type, {@link #TYPE} when null (providers' own types are kept)
	 * @param param the request field at fault
	 */
	public ContextWindowExceededError(String message, @Nullable String type, @Nullable String param) {
		super(400, (type != null) ? type : TYPE, message, param);
	}

}
