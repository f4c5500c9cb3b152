package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * 429: a limit of the gateway or of the provider; carries the Retry-After the caller
 * should honour.
 */
public final class RateLimitError extends GatewayError {

	public static final String TYPE = "rate_limit_error";

	private final @Nullable String retryAfter;

	public RateLimitError(String message, @Nullable String retryAfter) {
		this(message, retryAfter, null);
	}

	public RateLimitError(String message, @Nullable String retryAfter, @Nullable String type) {
		super(429, (type != null) ? type : TYPE, message, null);
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
