package dev.llmgw.middleware.upstream;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one gateway client every feature calls the gateway with ({@code GATEWAY_URL},
 * {@code GATEWAY_TIMEOUT}), so that they share its connection pool.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayClientConfiguration {

	@Bean(destroyMethod = "close")
	GatewayClient gatewayClient(@Value("${middleware.gateway-url:http://127.0.0.1:4000}") String gatewayUrl,
			@Value("${middleware.gateway-timeout:600s}") Duration timeout) {
		return new GatewayClient(gatewayUrl, timeout);
	}

}
