package dev.llmgw.gateway.redis;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.GatewayProperties;
import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

/**
 * Where the shared Redis is, from REDIS_URL or REDIS_HOST / REDIS_PORT / REDIS_PASSWORD /
 * REDIS_SSL.
 */
public final class RedisSettings {

	private RedisSettings() {
	}

	/**
	 * @return the Redis to share state through, or null when none is configured (a single
	 * instance)
	 */
	public static @Nullable RedisURI from(GatewayProperties properties) {
		if (properties.redisUrl() != null && !properties.redisUrl().isBlank()) {
			try {
				return RedisURI.create(properties.redisUrl().trim());
			}
			catch (IllegalArgumentException ex) {
				throw new ConfigException("REDIS_URL is not a Redis URL (redis://host:port or rediss://...)");
			}
		}
		if (properties.redisHost() == null || properties.redisHost().isBlank()) {
			return null;
		}
		RedisURI.Builder builder = RedisURI.builder()
			.withHost(properties.redisHost().trim())
			.withPort(properties.redisPort())
			.withSsl(properties.redisSsl());
		if (properties.redisPassword() != null && !properties.redisPassword().isBlank()) {
			builder.withPassword(properties.redisPassword().toCharArray());
		}
		return builder.build();
	}

}
