package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * 500, as LiteLLM's APIConnectionError: the provider could not be reached (refused,
 * reset, DNS).
 */
public final class UpstreamUnavailableError extends GatewayError {

	public static final String TYPE = "api_connection_error";

	public UpstreamUnavailableError(String message) {
		this(message, null, null);
	}

	/**
	 * @param message for a person
	 * @param type the error type, {@link #TYPE} when null (providers' own types are kept)
	 * @param param the request field at fault
	 */
	public UpstreamUnavailableError(String message, @Nullable String type, @Nullable String param) {
		super(500, (type != null) ? type : TYPE, message, param);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
