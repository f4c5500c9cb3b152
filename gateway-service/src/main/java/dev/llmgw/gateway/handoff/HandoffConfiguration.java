package dev.llmgw.gateway.handoff;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chat hand-off, when there is a middleware to hand to ({@code MIDDLEWARE_URL}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${gateway.middleware-url:}' != ''")
public class HandoffConfiguration {

	@Bean
	ChatHandoffFilter chatHandoffFilter(JsonMapper mapper) {
		return new ChatHandoffFilter(mapper);
	}

}
