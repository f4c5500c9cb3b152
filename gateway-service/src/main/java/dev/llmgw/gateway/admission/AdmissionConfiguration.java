package dev.llmgw.gateway.admission;

import dev.llmgw.gateway.budget.BudgetGate;
import dev.llmgw.gateway.ratelimit.RateLimitGate;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.routing.Router;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admit stage: model access, the first deployment, rate limits and budgets. */
@Configuration(proxyBeanMethods = false)
public class AdmissionConfiguration {

	@Bean
	ModelCallGate modelCallGate(ModelRegistry models, Router router, RateLimitGate rateLimits, BudgetGate budgets) {
		return new ModelCallGate(models, router, rateLimits, budgets);
	}

}
