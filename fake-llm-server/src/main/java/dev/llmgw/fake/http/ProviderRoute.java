package dev.llmgw.fake.http;

import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One provider endpoint in that provider's native shape. A new provider adds its routes
 * in its own package and lists them in the server's route table.
 */
public interface ProviderRoute {

	boolean matches(HttpMethod method, String path);

	Mono<Void> handle(ProviderCall call);

	/**
	 * Rejects a call without the required API key, in this provider's error shape.
	 */
	Mono<Void> unauthorized(HttpServerResponse response);

	/**
	 * Whether the route checks the caller's credentials itself, so that the server-wide
	 * API key check must let its calls through: Vertex AI takes OAuth access tokens that
	 * the fake issued, and Google's token endpoint a signed assertion, neither of which
	 * is the configured key.
	 */
	default boolean checksOwnCredentials() {
		return false;
	}

}
