package dev.llmgw.middleware.upstream;

import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one gateway client every feature calls the gateway with, so that they share its
 * connection pool.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayClientConfiguration {

	/**
	 * @param meters the metrics' gauges of the connection pool, when the metrics are on
	 */
	@Bean(destroyMethod = "close")
	GatewayClient gatewayClient(GatewayProperties properties,
			ObjectProvider<ConnectionProvider.MeterRegistrar> meters) {
		return new GatewayClient(properties.gatewayUrl(), properties.gatewayTimeout(), meters.getIfAvailable());
	}

}
