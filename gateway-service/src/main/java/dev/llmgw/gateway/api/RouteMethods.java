package dev.llmgw.gateway.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The methods a path answers to, for a request that no route took: functional routes do
 * not say a path exists under another method (Spring answers 404 for both), so each
 * method is tried against the route table. A path some route takes under another method
 * is a 405 with {@code Allow}, as HTTP (and LiteLLM's FastAPI) answer; only a path no
 * route takes is a 404.
 */
public final class RouteMethods {

	private static final List<HttpMethod> CANDIDATES = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
			HttpMethod.PATCH, HttpMethod.DELETE);

	private static final List<HttpMessageReader<?>> READERS = HandlerStrategies.withDefaults().messageReaders();

	// late: the error handler is built before the routes
	private final Supplier<List<RouterFunction<?>>> routes;

	public RouteMethods(Supplier<List<RouterFunction<?>>> routes) {
		this.routes = routes;
	}

	/** The methods some route takes this request's path under; empty when none does. */
	public Mono<Set<HttpMethod>> allowed(ServerWebExchange exchange) {
		List<RouterFunction<?>> table = this.routes.get();
		HttpMethod asked = exchange.getRequest().getMethod();
		return Flux.fromIterable(CANDIDATES)
			.filter((method) -> !method.equals(asked))
			.filterWhen((method) -> takenUnder(table, exchange, method))
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private static Mono<Boolean> takenUnder(List<RouterFunction<?>> table, ServerWebExchange exchange,
			HttpMethod method) {
		ServerWebExchange probe = exchange.mutate().request((request) -> request.method(method)).build();
		ServerRequest request = ServerRequest.create(probe, READERS);
		return Flux.fromIterable(table).concatMap((route) -> route.route(request)).hasElements();
	}

}
