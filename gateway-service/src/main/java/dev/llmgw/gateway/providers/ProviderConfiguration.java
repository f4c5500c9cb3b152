package dev.llmgw.gateway.providers;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The providers' shared HTTP client and the registry that hands out one per deployment.
 */
@Configuration(proxyBeanMethods = false)
public class ProviderConfiguration {

	@Bean(destroyMethod = "dispose")
	UpstreamClient upstreamClient(GatewayProperties properties,
			ObjectProvider<ConnectionProvider.MeterRegistrar> meters) {
		return new UpstreamClient(properties.connectTimeout(), properties.maxConnections(),
				properties.idleConnectionTimeout(), meters.getIfAvailable());
	}

	@Bean(destroyMethod = "dispose")
	ProviderRegistry providerRegistry(UpstreamClient client, JsonMapper mapper, GatewayConfig config) {
		JsonWarmUp.run(mapper);
		return new ProviderRegistry(client, mapper, config.environment());
	}

}
