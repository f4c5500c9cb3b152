package dev.llmgw.gateway.redis;

import dev.llmgw.gateway.config.GatewayProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one shared Redis connection, when REDIS_HOST is set. */
@Configuration(proxyBeanMethods = false)
public class RedisConfiguration {

	@Bean(destroyMethod = "close")
	SharedRedisProvider sharedRedis(GatewayProperties properties) {
		return new SharedRedisProvider(properties);
	}

}
