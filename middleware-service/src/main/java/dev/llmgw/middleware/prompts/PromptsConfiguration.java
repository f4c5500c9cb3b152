package dev.llmgw.middleware.prompts;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Managed prompts, for both interfaces. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PromptsProperties.class)
public class PromptsConfiguration {

	@Bean
	ManagedPrompts managedPrompts(PromptsProperties properties, JsonMapper mapper) {
		return new ManagedPrompts(properties.bedrockAgentEndpoint(), mapper);
	}

}
