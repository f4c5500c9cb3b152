package dev.llmgw.middleware.passthrough;

import dev.llmgw.middleware.history.ChatHistory;
import dev.llmgw.middleware.prompts.ManagedPrompts;
import dev.llmgw.middleware.upstream.GatewayClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAI and admin pass-through, with managed prompts and chat history. */
@Configuration(proxyBeanMethods = false)
public class PassThroughConfiguration {

	@Bean
	PassThroughFilter passThroughFilter(GatewayClient gateway, ManagedPrompts prompts, ChatHistory history,
			JsonMapper mapper) {
		return new PassThroughFilter(gateway, prompts, history, mapper);
	}

}
