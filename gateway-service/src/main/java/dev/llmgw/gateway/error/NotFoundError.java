package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/** 404: no such route or resource. */
public final class NotFoundError extends GatewayError {

	public static final String TYPE = "not_found_error";

	public NotFoundError(String message) {
		this(message, null, null);
	}

	/**
	 * @param message for a person
	 * @param type the error type, {@link #TYPE} when null (providers' own types are kept)
	 * @param param the request field at fault
	 */
	public NotFoundError(String message, @Nullable String type, @Nullable String param) {
		super(404, (type != null) ? type : TYPE, message, param);
	}

}
