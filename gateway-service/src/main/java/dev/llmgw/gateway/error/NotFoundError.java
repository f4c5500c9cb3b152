package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/** 404: no such route or resource. */
public final class NotFoundError extends GatewayError {

	public NotFoundError(String message) {
		this(message, null, "404");
	}

	public NotFoundError(String message, @Nullable String param, @Nullable String code) {
		super(404, "not_found_error", message, param, code);
	}

}
