package dev.llmgw.gateway.routes;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A route's handler with a name of its own. Spring's dispatcher labels the handling of
 * every request with {@code "Handler " + handler}, and a method reference's
 * {@code toString} formats its identity hash each time (about a hundredth of a cache
 * hit's event-loop time); this one returns the name given.
 *
 * @param name what the handler is called in Reactor's checkpoints
 * @param function the handler
 */
record NamedHandler(String name, HandlerFunction<ServerResponse> function) implements HandlerFunction<ServerResponse> {

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		return this.function.handle(request);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
