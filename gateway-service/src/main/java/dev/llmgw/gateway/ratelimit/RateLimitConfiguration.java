package dev.llmgw.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.gateway.config.RedisSettings;
import dev.llmgw.gateway.config.SharedRedis;
import io.lettuce.core.RedisURI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rate limits in Redis when it is configured (several instances), else in process (one
 * instance).
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

	@Bean
	RateLimiter rateLimiter(GatewayProperties properties, Clock clock) {
		RedisURI redis = RedisSettings.from(properties);
		if (redis == null) {
			return new LocalRateLimiter(clock);
		}
		Duration timeout = properties.rateLimitRedisTimeout();
		return new RedisRateLimiter(new SharedRedis(redis, timeout), clock, timeout);
	}

	@Bean
	RateLimitGate rateLimitGate(RateLimiter limiter, GatewayConfig config) {
		Integer global = config.generalSettings().maxParallelRequests();
		return new RateLimitGate(limiter, (global != null) ? global.longValue() : null);
	}

	@Bean
	RateLimitReleaseFilter rateLimitReleaseFilter(RateLimitGate gate) {
		return new RateLimitReleaseFilter(gate);
	}

}
