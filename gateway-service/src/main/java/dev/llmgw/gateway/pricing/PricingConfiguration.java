package dev.llmgw.gateway.pricing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** LiteLLM's price map, bundled. */
@Configuration(proxyBeanMethods = false)
public class PricingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(PricingConfiguration.class);

	@Bean
	PriceMap priceMap(JsonMapper mapper) {
		PriceMap prices = PriceMap.load(mapper);
		log.info("Price map: {} models", prices.size());
		return prices;
	}

}
