package dev.llmgw.gateway.redis;

import java.time.Duration;

import dev.llmgw.gateway.config.GatewayProperties;
import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

/**
 * The shared Redis connection when Redis is configured, one for every feature that needs
 * it; closed at stop.
 */
public final class SharedRedisProvider implements AutoCloseable {

	private final @Nullable SharedRedis redis;

	public SharedRedisProvider(GatewayProperties properties) {
		RedisURI uri = RedisSettings.from(properties);
		this.redis = (uri != null) ? new SharedRedis(uri, Duration.ofSeconds(2)) : null;
	}

	/**
	 * @return the connection, or null when the gateway runs alone
	 */
	public @Nullable SharedRedis get() {
		return this.redis;
	}

	@Override
	public void close() {
		if (this.redis != null) {
			this.redis.close();
		}
	}

}
