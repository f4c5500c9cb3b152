package dev.llmgw.gateway.moderations;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.routing.ModelRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The moderation routes, with and without {@code /v1} as LiteLLM serves them. */
@Configuration(proxyBeanMethods = false)
class ModerationsConfiguration {

	@Bean
	RouterFunction<ServerResponse> moderationRoutes(JsonBodyReader bodies, CallPipeline calls, ModelRegistry models) {
		ModerationsHandler handler = new ModerationsHandler(bodies, calls, models);
		return RouterFunctions.route()
			.POST("/v1/moderations", handler::handle)
			.POST("/moderations", handler::handle)
			.build();
	}

}
