package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * Any other provider failure, keeping the provider's status (so a 4xx stays a client
 * error and a 5xx a server error) and its message.
 */
public final class UpstreamError extends GatewayError {

	public UpstreamError(int status, String type, String message, @Nullable String param, @Nullable String code) {
		super(status, type, message, param, code);
	}

	@Override
	public boolean isRetryable() {
		return status() >= 500 || status() == 408 || status() == 409;
	}

}
