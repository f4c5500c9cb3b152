package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/** 413: the body is larger than general_settings.max_request_size_mb. */
public final class RequestTooLargeError extends GatewayError {

	public static final String TYPE = "invalid_request_error";

	public RequestTooLargeError(String message) {
		this(message, null, null);
	}

	/**
	 * @param message for a person
	 * @param type the error type, {@link #TYPE} when null (providers' own types are kept)
	 * @param param the request field at fault
	 */
	public RequestTooLargeError(String message, @Nullable String type, @Nullable String param) {
		super(413, (type != null) ? type : TYPE, message, param);
	}

}
