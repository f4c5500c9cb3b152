package dev.llmgw.fake.http;

import dev.llmgw.fake.directive.FakeError;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Answers a simulated failure in one provider's error shape, so that a route shared by
 * two providers (OpenAI and Azure OpenAI) can fail the way each of them does.
 */
@FunctionalInterface
public interface ErrorRenderer {

	/**
	 * @param retryAfterSeconds the {@code retry_after} directive, 0 when not given
	 * @param promptTokens the request's prompt tokens, for context-window messages that
	 * quote them
	 */
	Mono<Void> send(HttpServerResponse response, FakeError error, int retryAfterSeconds, int promptTokens);

}
