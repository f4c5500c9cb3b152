package dev.llmgw.gateway.web;

import java.io.IOException;

import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.error.UpstreamUnavailableError;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.ServerWebExchange;

/**
 * Forwards the middleware's paths to it when {@code MIDDLEWARE_URL} is set and no load
 * balancer does so (local runs, a bare Kubernetes Service). Spring Cloud Gateway proxies
 * them as they are: headers, body, status and streams.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${gateway.middleware-url:}' != ''")
public class MiddlewareRouteConfiguration {

	@Bean
	RouteLocator middlewareRoutes(RouteLocatorBuilder builder, GatewayProperties properties,
			MiddlewarePaths middlewarePaths) {
		String target = properties.middlewareUrl();
		return builder.routes()
			.route("middleware",
					(route) -> route.predicate((exchange) -> middlewarePaths.routesToMiddleware(exchange))
						.filters((filters) -> filters.filter(MiddlewareRouteConfiguration::unreachable))
						.uri(target))
			.build();
	}

	/**
	 * A middleware that cannot be reached (refused, reset, closed before answering) is a
	 * 502 in OpenAI's shape, as LiteLLM's connection errors, not a fault of the gateway.
	 */
	private static Mono<Void> unreachable(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange)
			.onErrorMap((error) -> error instanceof IOException && !exchange.getResponse().isCommitted(),
					(error) -> new UpstreamError(502, UpstreamUnavailableError.TYPE,
							"The middleware (MIDDLEWARE_URL) did not answer (" + error.getClass().getSimpleName()
									+ "). Please retry shortly.",
							null));
	}

}
