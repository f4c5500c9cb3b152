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

}
