package dev.llmgw.gateway.providers;

import dev.llmgw.gateway.error.GatewayError;
import org.jspecify.annotations.Nullable;

/**
 * Reads one provider's error response into the gateway's error family, from its status
 * and its own error body (CONVENTIONS.md, Errors).
 */
@FunctionalInterface
public interface ProviderErrors {

	/**
	 * @param status the HTTP status
	 * @param body the response body, possibly empty
	 * @param retryAfter the {@code Retry-After} header, if any
	 * @return the error to raise
	 */
	GatewayError map(int status, byte[] body, @Nullable String retryAfter);

}
