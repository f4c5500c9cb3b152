package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/** 408, as LiteLLM: the provider did not answer within timeout / stream_timeout. */
public final class TimeoutError extends GatewayError {

	public static final String TYPE = "timeout";

	public TimeoutError(String message) {
		this(message, null, null);
	}

	/**
	 * @param message for a person
	 * @param type the error type, {@link #TYPE} when null (providers' own types are kept)
	 * @param param the request field at fault
	 */
	public TimeoutError(String message, @Nullable String type, @Nullable String param) {
		super(408, (type != null) ? type : TYPE, message, param);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
