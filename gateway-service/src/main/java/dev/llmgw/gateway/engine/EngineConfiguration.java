package dev.llmgw.gateway.engine;

import dev.llmgw.gateway.admission.ModelCallGate;
import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.providers.ProviderRegistry;
import dev.llmgw.gateway.routing.ConcurrencyLimits;
import dev.llmgw.gateway.routing.DeploymentStats;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.routing.Router;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The call pipeline. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

	@Bean
	ChatCalls chatCalls(ModelCallGate gate, ProviderRegistry providers, PriceMap prices, KeySpendTracker keySpend,
			ModelRegistry models, Router router, DeploymentStats stats, ConcurrencyLimits limits) {
		return new ChatCalls(gate, providers, prices, keySpend, models, router, stats, limits);
	}

}
