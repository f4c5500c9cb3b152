package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/** 502: the provider could not be reached (refused, reset, DNS). */
public final class UpstreamUnavailableError extends GatewayError {

	public UpstreamUnavailableError(String message) {
		this(message, null, "502");
	}

	public UpstreamUnavailableError(String message, @Nullable String param, @Nullable String code) {
		super(502, "api_connection_error", message, param, code);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
