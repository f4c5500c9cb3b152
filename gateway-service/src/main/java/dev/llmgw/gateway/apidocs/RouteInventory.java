package dev.llmgw.gateway.apidocs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Every route the gateway registered, read from its router functions through Spring's
 * visitors (each route's method and path pattern), so that the API's description lists
 * what is served and nothing else: a route added to any feature's router appears without
 * being written down twice.
 */
final class RouteInventory {

	private RouteInventory() {
	}

	/**
	 * @param routers the application's router functions
	 * @return path pattern to its methods, in path order
	 */
	static Map<String, Set<String>> of(Iterable<RouterFunction<?>> routers) {
		Map<String, Set<String>> routes = new TreeMap<>();
		Collector collector = new Collector(routes);
		for (RouterFunction<?> router : routers) {
			router.accept(collector);
		}
		return routes;
	}

	/** Walks one router's routes, nested prefixes included. */
	private static final class Collector implements RouterFunctions.Visitor {

		private final Map<String, Set<String>> routes;

		private final Deque<String> prefixes = new ArrayDeque<>();

		Collector(Map<String, Set<String>> routes) {
			this.routes = routes;
		}

		@Override
		public void startNested(RequestPredicate predicate) {
			Parts parts = Parts.of(predicate);
			this.prefixes.push((parts.path != null) ? parts.path : "");
		}

		@Override
		public void endNested(RequestPredicate predicate) {
			this.prefixes.pop();
		}

		@Override
		public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
			Parts parts = Parts.of(predicate);
			if (parts.path == null) {
				return;
			}
			StringBuilder path = new StringBuilder();
			// the outermost prefix was pushed first, so it is last in the deque
			this.prefixes.descendingIterator().forEachRemaining(path::append);
			path.append(parts.path);
			Set<String> methods = this.routes.computeIfAbsent(path.toString(), (key) -> new TreeSet<>());
			if (parts.methods.isEmpty()) {
				methods.add("GET");
			}
			parts.methods.forEach((method) -> methods.add(method.name()));
		}

		@Override
		public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
			// static resources are not API routes
		}

		@Override
		public void attributes(Map<String, Object> attributes) {
			// nothing to describe
		}

		@Override
		public void unknown(RouterFunction<?> routerFunction) {
			// a router that cannot be read is left out
		}

	}

	/** The method and path a route's predicate asks for; other conditions are ignored. */
	private static final class Parts implements RequestPredicates.Visitor {

		private final Set<HttpMethod> methods = new java.util.LinkedHashSet<>();

		private @Nullable String path;

		static Parts of(RequestPredicate predicate) {
			Parts parts = new Parts();
			predicate.accept(parts);
			return parts;
		}

		@Override
		public void method(Set<HttpMethod> methods) {
			this.methods.addAll(methods);
		}

		@Override
		public void path(String pattern) {
			this.path = pattern;
		}

		@Override
		public void pathExtension(String extension) {
		}

		@Override
		public void header(String name, String value) {
		}

		@Override
		public void queryParam(String name, String value) {
		}

		@Override
		public void version(String version) {
		}

		@Override
		public void startAnd() {
		}

		@Override
		public void and() {
		}

		@Override
		public void endAnd() {
		}

		@Override
		public void startOr() {
		}

		@Override
		public void or() {
		}

		@Override
		public void endOr() {
		}

		@Override
		public void startNegate() {
		}

		@Override
		public void endNegate() {
		}

		@Override
		public void unknown(RequestPredicate predicate) {
		}

	}

}
