package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/** 413: the body is larger than general_settings.max_request_size_mb. */
public final class RequestTooLargeError extends GatewayError {

	public RequestTooLargeError(String message) {
		this(message, null, "413");
	}

	public RequestTooLargeError(String message, @Nullable String param, @Nullable String code) {
		super(413, "invalid_request_error", message, param, code);
	}

}
