package dev.llmgw.middleware.health;

import java.time.Duration;

import dev.llmgw.middleware.upstream.GatewayClient;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Health probes. {@code /} and {@code /bedrock/health/liveliness} (the path the load
 * balancer sends here) say whether the middleware can reach the gateway, as the
 * original's did: 200 {@code {"status":"healthy","gateway":"connected"}}, else 503.
 * {@code /health/liveliness} only says the process answers, so that an orchestrator does
 * not restart the middleware because the gateway is down.
 */
@Configuration(proxyBeanMethods = false)
public class HealthRoutes {

	private static final String ALIVE = "\"I'm alive!\"";

	private static final Duration GATEWAY_PROBE_TIMEOUT = Duration.ofSeconds(2);

	private static final String HEALTHY = "{\"status\":\"healthy\",\"gateway\":\"connected\"}";

	private static final String UNHEALTHY = "{\"status\":\"unhealthy\",\"gateway\":\"unreachable\"}";

	@Bean
	RouterFunction<ServerResponse> livenessRoutes(GatewayClient gateway) {
		return RouterFunctions.route()
			.GET("/bedrock/health/liveliness", (request) -> withGateway(gateway))
			.GET("/", (request) -> withGateway(gateway))
			.GET("/health/liveliness",
					(request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(ALIVE))
			.build();
	}

	private static Mono<ServerResponse> withGateway(GatewayClient gateway) {
		return gateway.exchange(HttpMethod.GET, "/health/liveliness", null, null)
			.timeout(GATEWAY_PROBE_TIMEOUT)
			.map((answer) -> answer.ok())
			.onErrorReturn(false)
			.flatMap((up) -> (up ? ServerResponse.ok() : ServerResponse.status(503))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(up ? HEALTHY : UNHEALTHY));
	}

}
