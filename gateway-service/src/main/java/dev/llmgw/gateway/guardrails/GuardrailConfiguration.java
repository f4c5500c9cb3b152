package dev.llmgw.gateway.guardrails;

import dev.llmgw.gateway.engine.GuardrailStage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pre-call and post-call guardrail stages. */
@Configuration(proxyBeanMethods = false)
public class GuardrailConfiguration {

	@Bean
	GuardrailStage guardrails() {
		return new NoGuardrails();
	}

}
