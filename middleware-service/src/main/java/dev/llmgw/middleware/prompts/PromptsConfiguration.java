package dev.llmgw.middleware.prompts;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Managed prompts, for both interfaces. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PromptsProperties.class)
public class PromptsConfiguration {

	/**
	 * @param events the metrics' watcher of prompt lookups, when the metrics are on
	 */
	@Bean
	ManagedPrompts managedPrompts(PromptsProperties properties, JsonMapper mapper,
			ObjectProvider<PromptEvents> events) {
		return new ManagedPrompts(properties.bedrockAgentEndpoint(), mapper,
				events.getIfAvailable(() -> PromptEvents.NONE));
	}

}
