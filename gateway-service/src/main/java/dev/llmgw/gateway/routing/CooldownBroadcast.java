package dev.llmgw.gateway.routing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Tells the other gateway instances that a deployment started a cooldown, over a Redis
 * pub/sub channel, so that none keeps sending it calls; a lost message only means that
 * instance finds the failures out itself.
 */
public final class CooldownBroadcast implements AutoCloseable {

	static final String CHANNEL = "llmgw:router:cooldowns";

	private static final Logger log = LoggerFactory.getLogger(CooldownBroadcast.class);

	private final RedisClient client;

	private @Nullable StatefulRedisConnection<String, String> publisher;

	private @Nullable StatefulRedisPubSubConnection<String, String> subscriber;

	private @Nullable Disposable listening;

	public CooldownBroadcast(RedisURI uri, Cooldowns cooldowns) {
		this.client = RedisClient.create(uri);
		try {
			this.subscriber = this.client.connectPubSub();
			this.listening = this.subscriber.reactive()
				.observeChannels()
				.subscribe((message) -> receive(message.getMessage(), cooldowns),
						(error) -> log.warn("cooldown listener stopped: {}", error.toString()));
			this.subscriber.sync().subscribe(CHANNEL);
			this.publisher = this.client.connect();
		}
		catch (RuntimeException ex) {
			log.warn("Redis is unreachable ({}): cooldowns stay on this instance", ex.getMessage());
		}
		cooldowns.broadcastWith(this);
	}

	void announce(String deploymentId, long untilMillis) {
		StatefulRedisConnection<String, String> connection = this.publisher;
		if (connection != null) {
			connection.reactive()
				.publish(CHANNEL, deploymentId + "|" + untilMillis)
				.subscribe(null, (error) -> log.warn("could not announce a cooldown: {}", error.toString()));
		}
	}

	private static void receive(String message, Cooldowns cooldowns) {
		int bar = message.lastIndexOf('|');
		if (bar > 0) {
			try {
				cooldowns.rest(message.substring(0, bar), Long.parseLong(message.substring(bar + 1)));
			}
			catch (NumberFormatException ex) {
				log.warn("ignoring a malformed cooldown message");
			}
		}
	}

	@Override
	public void close() {
		if (this.listening != null) {
			this.listening.dispose();
		}
		if (this.subscriber != null) {
			this.subscriber.closeAsync();
		}
		if (this.publisher != null) {
			this.publisher.closeAsync();
		}
		this.client.shutdownAsync();
	}

}
