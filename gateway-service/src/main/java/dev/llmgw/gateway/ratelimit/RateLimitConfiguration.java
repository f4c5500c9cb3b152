package dev.llmgw.gateway.ratelimit;

import java.time.Clock;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.gateway.redis.SharedRedis;
import dev.llmgw.gateway.redis.SharedRedisProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rate limits in Redis when it is configured (several instances), else in process (one
 * instance).
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

	@Bean
	RateLimiter rateLimiter(SharedRedisProvider redis, GatewayProperties properties, Clock clock) {
		SharedRedis shared = redis.get();
		return (shared != null) ? new RedisRateLimiter(shared, clock, properties.rateLimitRedisTimeout())
				: new LocalRateLimiter(clock);
	}

	@Bean
	RateLimitGate rateLimitGate(GatewayConfig config) {
		Integer global = config.generalSettings().maxParallelRequests();
		return new RateLimitGate((global != null) ? global.longValue() : null);
	}

}
