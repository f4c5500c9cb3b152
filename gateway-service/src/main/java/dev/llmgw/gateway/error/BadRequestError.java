package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * 400: the request is malformed or names something that does not exist (e.g. an unknown
 * model).
 */
public final class BadRequestError extends GatewayError {

	public static final String TYPE = "invalid_request_error";

	public BadRequestError(String message) {
		this(message, null, null);
	}

	/**
	 * @param message for a person
	 * @param type the error type, {@link #TYPE} when null (providers' own types are kept)
	 * @param param the request field at fault
	 */
	public BadRequestError(String message, @Nullable String type, @Nullable String param) {
		super(400, (type != null) ? type : TYPE, message, param);
	}

}
