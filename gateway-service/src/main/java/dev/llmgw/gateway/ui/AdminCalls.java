package dev.llmgw.gateway.ui;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.ProxyRoutes;
import dev.llmgw.gateway.auth.RouteAccess;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.NotFoundError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.EntityResponse;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The UI's way into the admin API: a page's request, re-addressed to an API route and
 * handed to that route's own handler in this process, as the signed-in caller. What the
 * handler allows, checks and answers is what the page shows, so the UI has no access
 * rules of its own to drift from the API's, and no HTTP round trip.
 */
final class AdminCalls {

	private final Supplier<RouterFunction<?>> api;

	private final JsonMapper mapper;

	private final ProxyRoutes routes;

	/**
	 * @param api every route of the service but the UI's own, resolved once at first use
	 */
	AdminCalls(Supplier<RouterFunction<?>> api, JsonMapper mapper, ProxyRoutes routes) {
		this.api = api;
		this.mapper = mapper;
		this.routes = routes;
	}

	Mono<Map<String, Object>> get(ServerRequest page, String path, @Nullable Object... query) {
		return call(page, HttpMethod.GET, Html.url(path, query), null);
	}

	Mono<Map<String, Object>> post(ServerRequest page, String path, Object body) {
		return call(page, HttpMethod.POST, path, body);
	}

	/**
	 * @return the route's JSON answer as a map ({@code {"data": [...]}} when it answers a
	 * list); an error with the route's own {@code GatewayError} when it refuses
	 */
	@SuppressWarnings("unchecked")
	Mono<Map<String, Object>> call(ServerRequest page, HttpMethod method, String pathAndQuery, @Nullable Object body) {
		return Mono.defer(() -> {
			CallerIdentity caller = CallerIdentity.of(page.exchange());
			if (caller == null) {
				return Mono.error(new AuthenticationError("Not signed in"));
			}
			URI uri = UriComponentsBuilder.fromUri(page.uri())
				.replacePath(null)
				.replaceQuery(null)
				.path(pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery)
				.query(pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : null)
				.build(true)
				.toUri();
			// the route's own restrictions on the key (allowed_routes) and the proxy's
			// (general_settings), as over HTTP
			RouteAccess.check(caller, uri.getPath());
			this.routes.check(caller, uri.getPath());
			byte[] json = (body != null) ? this.mapper.writeValueAsBytes(body) : new byte[0];
			ServerRequest inner = ServerRequest.from(page).method(method).uri(uri).headers((headers) -> {
				headers.remove(HttpHeaders.CONTENT_LENGTH);
				headers.remove(HttpHeaders.CONTENT_TYPE);
				headers.remove(HttpHeaders.TRANSFER_ENCODING);
				if (body != null) {
					headers.setContentType(MediaType.APPLICATION_JSON);
					headers.setContentLength(json.length);
				}
			}).body(new String(json, java.nio.charset.StandardCharsets.UTF_8)).build();
			RouterFunction<?> routes = this.api.get();
			return routes.route(inner)
				.switchIfEmpty(Mono.error(() -> new NotFoundError("No such route: " + uri.getPath())))
				.flatMap((handler) -> Mono.defer(() -> ((HandlerFunction<ServerResponse>) handler).handle(inner)))
				.<Map<String, Object>>map((response) -> {
					if (!(response instanceof EntityResponse<?> entity)) {
						throw new IllegalStateException(uri.getPath() + " does not answer with JSON");
					}
					Object value = entity.entity();
					if (value instanceof Map<?, ?> map) {
						return (Map<String, Object>) map;
					}
					if (value instanceof byte[] bytes) {
						return (Map<String, Object>) this.mapper.readValue(bytes, Map.class);
					}
					if (value instanceof List<?> list) {
						return Map.of("data", list);
					}
					return Map.of("value", value);
				});
		});
	}

}
