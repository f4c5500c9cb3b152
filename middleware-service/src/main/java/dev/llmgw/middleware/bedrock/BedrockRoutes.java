package dev.llmgw.middleware.bedrock;

import java.time.Duration;

import dev.llmgw.middleware.history.ChatHistory;
import dev.llmgw.middleware.passthrough.PassThroughFilter;
import dev.llmgw.middleware.prompts.ManagedPrompts;
import dev.llmgw.middleware.upstream.GatewayClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The Converse routes, in the one-segment form boto3 uses ({@code %2F} inside an ARN) and
 * the two-segment form some clients send, and the gateway client they call.
 */
@Configuration(proxyBeanMethods = false)
public class BedrockRoutes {

	@Bean(destroyMethod = "close")
	GatewayClient gatewayClient(@Value("${middleware.gateway-url:http://127.0.0.1:4000}") String gatewayUrl,
			@Value("${middleware.gateway-timeout:600s}") Duration timeout) {
		return new GatewayClient(gatewayUrl, timeout);
	}

	@Bean
	PassThroughFilter passThroughFilter(GatewayClient gateway, ManagedPrompts prompts, ChatHistory history,
			JsonMapper mapper) {
		return new PassThroughFilter(gateway, prompts, history, mapper);
	}

	@Bean
	ManagedPrompts managedPrompts(@Value("${middleware.bedrock-agent-endpoint:}") String endpoint, JsonMapper mapper) {
		return new ManagedPrompts(endpoint, mapper);
	}

	@Bean
	ConverseHandler converseHandler(GatewayClient gateway, JsonMapper mapper, ManagedPrompts prompts,
			ChatHistory history) {
		return new ConverseHandler(gateway, mapper, prompts, history);
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
