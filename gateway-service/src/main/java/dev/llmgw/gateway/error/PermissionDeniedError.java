package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/** 403: the caller is known but may not do this (role, route). */
public final class PermissionDeniedError extends GatewayError {

	public static final String TYPE = "permission_error";

	public PermissionDeniedError(String message) {
		this(message, null, null);
	}

	/**
	 * @param message for a person
	 * @param type the error type, {@link #TYPE} when null (providers' own types are kept)
	 * @param param the request field at fault
	 */
	public PermissionDeniedError(String message, @Nullable String type, @Nullable String param) {
		super(403, (type != null) ? type : TYPE, message, param);
	}

}
