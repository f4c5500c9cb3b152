package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * Any other failure with its own status: a provider's, kept as it came (so a 4xx stays a
 * client error and a 5xx a server error) with the provider's message, or a refusal of the
 * web layer such as 405.
 */
public final class UpstreamError extends GatewayError {

	public UpstreamError(int status, String type, String message, @Nullable String param) {
		super(status, type, message, param);
	}

	@Override
	public boolean isRetryable() {
		return status() >= 500 || status() == 408 || status() == 409;
	}

}
