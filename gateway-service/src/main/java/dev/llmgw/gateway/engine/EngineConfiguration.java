package dev.llmgw.gateway.engine;

import java.util.List;

import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.providers.ProviderRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The call pipeline, from the stage implementations the feature packages declare as
 * beans, and the end-of-call listeners they declare.
 */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

	@Bean
	CallPipeline callPipeline(AdmitStage admission, CacheStage cache, GuardrailStage guardrails, DispatchStage dispatch,
			ProviderRegistry providers, PriceMap prices, KeySpendTracker keySpend, CallListeners listeners) {
		return new CallPipeline(admission, cache, guardrails, dispatch, providers, prices, keySpend,
				listeners.wantBodies());
	}

	@Bean(destroyMethod = "close")
	CallListeners callListeners(List<CallListener> listeners) {
		return new CallListeners(listeners);
	}

	@Bean
	CallEndFilter callEndFilter(CallListeners listeners, JsonMapper mapper) {
		return new CallEndFilter(listeners, mapper);
	}

}
