package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/** 403: the caller is known but may not do this (model access, role). */
public final class PermissionDeniedError extends GatewayError {

	public PermissionDeniedError(String message) {
		this(message, null, "403");
	}

	public PermissionDeniedError(String message, @Nullable String param, @Nullable String code) {
		super(403, "permission_error", message, param, code);
	}

}
