package dev.llmgw.gateway.redis;

import java.time.Duration;

import dev.llmgw.gateway.config.GatewayProperties;
import io.lettuce.core.RedisURI;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import org.jspecify.annotations.Nullable;

/**
 * The shared Redis connection when Redis is configured, one for every feature that needs
 * it; closed at stop.
 */
public final class SharedRedisProvider implements AutoCloseable {

	private final @Nullable SharedRedis redis;

	/**
	 * @param latencies told each command's latency (metrics), null for none
	 */
	public SharedRedisProvider(GatewayProperties properties, @Nullable CommandLatencyRecorder latencies) {
		RedisURI uri = RedisSettings.from(properties);
		this.redis = (uri != null) ? new SharedRedis(uri, Duration.ofSeconds(2), latencies) : null;
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
