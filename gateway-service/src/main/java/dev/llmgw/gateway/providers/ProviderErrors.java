package dev.llmgw.gateway.providers;

import dev.llmgw.gateway.error.GatewayError;
import io.netty.handler.codec.http.HttpHeaders;
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

	/**
	 * The same, with every response header, for providers that name the error in a header
	 * rather than in the body (SageMaker's {@code x-amzn-ErrorType}); by default only
	 * {@code Retry-After} is read.
	 * @param status the HTTP status
	 * @param body the response body, possibly empty
	 * @param headers the response headers
	 * @return the error to raise
	 */
	default GatewayError fromResponse(int status, byte[] body, HttpHeaders headers) {
		return map(status, body, headers.get("Retry-After"));
	}

}
