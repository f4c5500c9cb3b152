package dev.llmgw.gateway.web;

import dev.llmgw.gateway.config.GatewayProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
					(route) -> route.predicate((exchange) -> middlewarePaths.routesToMiddleware(exchange.getRequest()))
						.uri(target))
			.build();
	}

}
