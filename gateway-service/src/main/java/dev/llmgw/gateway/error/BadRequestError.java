package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * 400: the request is malformed or names something that does not exist (e.g. an unknown
 * model).
 */
public final class BadRequestError extends GatewayError {

	public BadRequestError(String message) {
		this(message, null, "400");
	}

	public BadRequestError(String message, @Nullable String param, @Nullable String code) {
		super(400, "invalid_request_error", message, param, code);
	}

}
