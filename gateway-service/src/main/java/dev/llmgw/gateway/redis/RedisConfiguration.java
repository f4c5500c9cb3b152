package dev.llmgw.gateway.redis;

import dev.llmgw.gateway.config.GatewayProperties;
import io.lettuce.core.RedisURI;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared Redis, when REDIS_HOST is set: one connection for counters and scripts, and
 * the broadcast between instances.
 */
@Configuration(proxyBeanMethods = false)
public class RedisConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);

	@Bean(destroyMethod = "close")
	SharedRedisProvider sharedRedis(GatewayProperties properties, ObjectProvider<CommandLatencyRecorder> latencies) {
		return new SharedRedisProvider(properties, latencies.getIfAvailable());
	}

	@Bean(destroyMethod = "close")
	Broadcast broadcast(GatewayProperties properties, SharedRedisProvider shared) {
		RedisURI redis = RedisSettings.from(properties);
		log.info("Shared state: {}", (redis != null) ? "Redis " + redis.getHost() + ":" + redis.getPort()
				: "none (REDIS_HOST unset): this instance works alone");
		return new Broadcast(shared.get());
	}

}
