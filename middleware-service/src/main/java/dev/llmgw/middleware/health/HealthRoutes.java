package dev.llmgw.middleware.health;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Liveness probes. The load balancer checks {@code /bedrock/health/liveliness} (one of
 * the paths it sends here); {@code /health/liveliness} serves orchestrators that probe
 * the container directly.
 */
@Configuration(proxyBeanMethods = false)
public class HealthRoutes {

	private static final String ALIVE = "\"I'm alive!\"";

	@Bean
	RouterFunction<ServerResponse> livenessRoutes() {
		return RouterFunctions.route()
			.GET("/bedrock/health/liveliness",
					(request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(ALIVE))
			.GET("/health/liveliness",
					(request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(ALIVE))
			.build();
	}

}
