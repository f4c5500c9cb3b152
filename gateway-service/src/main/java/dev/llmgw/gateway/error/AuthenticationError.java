package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * 401: the caller's key is missing, unknown, expired or blocked, or the provider refused
 * the gateway's credential.
 */
public final class AuthenticationError extends GatewayError {

	public AuthenticationError(String message) {
		this(message, null, "401");
	}

	public AuthenticationError(String message, @Nullable String param, @Nullable String code) {
		super(401, "authentication_error", message, param, code);
	}

}
