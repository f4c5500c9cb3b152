package dev.llmgw.middleware.upstream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway this middleware calls.
 *
 * @param gatewayUrl its base URL ({@code middleware.gateway-url}: {@code GATEWAY_URL},
 * else {@code LITELLM_URL} as in the original's {@code .env})
 * @param gatewayTimeout how long an answer may take to start
 * ({@code middleware.gateway-timeout}: {@code GATEWAY_TIMEOUT})
 */
@ConfigurationProperties("middleware")
public record GatewayProperties(@DefaultValue("http://127.0.0.1:4000") String gatewayUrl,
		@DefaultValue("600s") Duration gatewayTimeout) {

}
