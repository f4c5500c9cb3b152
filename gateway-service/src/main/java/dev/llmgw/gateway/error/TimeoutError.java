package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/** 408, as LiteLLM: the provider did not answer within timeout / stream_timeout. */
public final class TimeoutError extends GatewayError {

	public TimeoutError(String message) {
		this(message, null, "408");
	}

	public TimeoutError(String message, @Nullable String param, @Nullable String code) {
		super(408, "timeout", message, param, code);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
