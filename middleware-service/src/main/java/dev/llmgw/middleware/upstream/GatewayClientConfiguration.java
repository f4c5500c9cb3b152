package dev.llmgw.middleware.upstream;

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

	@Bean(destroyMethod = "close")
	GatewayClient gatewayClient(GatewayProperties properties) {
		return new GatewayClient(properties.gatewayUrl(), properties.gatewayTimeout());
	}

}
