package dev.llmgw.gateway.responses;

import java.time.Clock;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.storage.RowStore;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The Responses API's routes, with and without {@code /v1} as LiteLLM serves them.
 */
@Configuration(proxyBeanMethods = false)
class ResponsesConfiguration {

	@Bean
	ResponsesHandler responsesHandler(JsonBodyReader bodies, CallPipeline calls, JsonMapper mapper, RowStore rows,
			Clock clock) {
		return new ResponsesHandler(bodies, calls, mapper, new ResponseStore(rows, clock, bodies.maxBytes()), clock);
	}

	@Bean
	RouterFunction<ServerResponse> responsesRoutes(ResponsesHandler responses) {
		RouterFunctions.Builder routes = RouterFunctions.route();
		for (String base : new String[] { "/v1/responses", "/responses", "/openai/v1/responses" }) {
			routes.POST(base, responses::create)
				.GET(base + "/{id}/input_items", responses::inputItems)
				.GET(base + "/{id}", responses::get)
				.DELETE(base + "/{id}", responses::delete);
		}
		return routes.build();
	}

}
