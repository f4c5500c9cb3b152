package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * 429: a limit of the gateway or of the provider; carries the Retry-After the caller
 * should honour.
 */
public final class RateLimitError extends GatewayError {

	private final @Nullable String retryAfter;

	public RateLimitError(String message, @Nullable String retryAfter) {
		this(message, retryAfter, "rate_limit_exceeded");
	}

	public RateLimitError(String message, @Nullable String retryAfter, @Nullable String code) {
		super(429, "rate_limit_error", message, null, code);
		this.retryAfter = retryAfter;
	}

	public @Nullable String retryAfter() {
		return this.retryAfter;
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
