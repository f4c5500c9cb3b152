package dev.llmgw.middleware.prompts;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Managed prompts, for both interfaces: GetPrompt at
 * {@code AWS_ENDPOINT_URL_BEDROCK_AGENT} when set, else the prompt's region's endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class PromptsConfiguration {

	@Bean
	ManagedPrompts managedPrompts(@Value("${middleware.bedrock-agent-endpoint:}") String endpoint, JsonMapper mapper) {
		return new ManagedPrompts(endpoint, mapper);
	}

}
