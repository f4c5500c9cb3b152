package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * 401: the caller's key is missing, unknown or blocked, or the provider refused the
 * gateway's credential.
 */
public final class AuthenticationError extends GatewayError {

	public static final String TYPE = "auth_error";

	public AuthenticationError(String message) {
		this(message, null, null);
	}

	/**
	 * @param message for a person
	 * @param type the error type, {@link #TYPE} when null (providers' own types are kept)
	 * @param param the request field at fault
	 */
	public AuthenticationError(String message, @Nullable String type, @Nullable String param) {
		super(401, (type != null) ? type : TYPE, message, param);
	}

}
