package dev.llmgw.gateway.api;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every front end shares: the body reader and OpenAI's error bodies. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

	@Bean
	JsonBodyReader jsonBodyReader(JsonMapper mapper, GatewayConfig config, GatewayProperties properties) {
		return new JsonBodyReader(mapper, config.maxRequestBytes(properties));
	}

	@Bean
	ErrorBodies errorBodies(JsonMapper mapper) {
		return new ErrorBodies(mapper);
	}

	@Bean
	QueryAndHeaderCheck queryAndHeaderCheck() {
		return new QueryAndHeaderCheck();
	}

}
