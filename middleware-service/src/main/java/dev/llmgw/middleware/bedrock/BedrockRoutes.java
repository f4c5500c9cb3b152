package dev.llmgw.middleware.bedrock;

import dev.llmgw.middleware.error.BedrockErrorHandler;
import dev.llmgw.middleware.history.ChatHistory;
import dev.llmgw.middleware.prompts.ManagedPrompts;
import dev.llmgw.middleware.upstream.GatewayClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The Converse routes, in the one-segment form boto3 uses ({@code %2F} inside an ARN) and
 * the two-segment form some clients send, and the handler that answers their failures in
 * Bedrock's shape.
 */
@Configuration(proxyBeanMethods = false)
public class BedrockRoutes {

	/**
	 * @param events the metrics' watcher of Converse calls, when the metrics are on
	 */
	@Bean
	ConverseHandler converseHandler(GatewayClient gateway, JsonMapper mapper, ManagedPrompts prompts,
			ChatHistory history, ObjectProvider<ConverseEvents> events) {
		return new ConverseHandler(gateway, mapper, prompts, history, events.getIfAvailable(() -> ConverseEvents.NONE));
	}

	@Bean
	BedrockErrorHandler bedrockErrorHandler(JsonMapper mapper) {
		return new BedrockErrorHandler(mapper);
	}

	@Bean
	RouterFunction<ServerResponse> converseRoutes(ConverseHandler converse) {
		return RouterFunctions.route()
			.POST("/bedrock/model/{modelId}/converse", converse::converse)
			.POST("/bedrock/model/{prefix}/{modelId}/converse", converse::converse)
			.POST("/bedrock/model/{modelId}/converse-stream", converse::converseStream)
			.POST("/bedrock/model/{prefix}/{modelId}/converse-stream", converse::converseStream)
			.build();
	}

}
