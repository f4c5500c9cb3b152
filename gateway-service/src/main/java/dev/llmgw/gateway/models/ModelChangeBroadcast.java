package dev.llmgw.gateway.models;

import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Tells the other gateway instances that the stored models changed, so that each reloads
 * them within moments: the same Redis pub/sub pattern as the auth cache's invalidation.
 * Without Redis only this instance changes at once (the others, if any, catch up at their
 * next poll). An instance ignores its own announcements: it reloaded before announcing.
 */
final class ModelChangeBroadcast implements AutoCloseable {

	static final String CHANNEL = "llmgw:models:changed";

	private static final Logger log = LoggerFactory.getLogger(ModelChangeBroadcast.class);

	private final String instanceId = UUID.randomUUID().toString();

	private final Runnable onRemoteChange;

	private final @Nullable RedisClient redis;

	private @Nullable StatefulRedisConnection<String, String> publisher;

	private @Nullable StatefulRedisPubSubConnection<String, String> subscriber;

	private @Nullable Disposable listening;

	/**
	 * @param redisUri the shared Redis, null for a single instance
	 * @param onRemoteChange what to do when another instance changed the models
	 */
	ModelChangeBroadcast(@Nullable RedisURI redisUri, Runnable onRemoteChange) {
		this.onRemoteChange = onRemoteChange;
		this.redis = (redisUri != null) ? RedisClient.create(redisUri) : null;
		if (this.redis != null) {
			connect(this.redis);
		}
	}

	private void connect(RedisClient client) {
		try {
			this.subscriber = client.connectPubSub();
			this.listening = this.subscriber.reactive()
				.observeChannels()
				.filter((message) -> !this.instanceId.equals(message.getMessage()))
				.subscribe((message) -> this.onRemoteChange.run(),
						(error) -> log.warn("model change listener stopped: {}", error.toString()));
			this.subscriber.sync().subscribe(CHANNEL);
			this.publisher = client.connect();
		}
		catch (RuntimeException ex) {
			log.warn("Redis is unreachable ({}): model changes reach other instances only at their next poll",
					ex.getMessage());
		}
	}

	/** Announces a change this instance has committed and applied. */
	void changed() {
		StatefulRedisConnection<String, String> connection = this.publisher;
		if (connection != null) {
			connection.reactive()
				.publish(CHANNEL, this.instanceId)
				.subscribe(null, (error) -> log.warn("could not announce a model change: {}", error.toString()));
		}
	}

	@Override
	public void close() {
		if (this.listening != null) {
			this.listening.dispose();
		}
		if (this.subscriber != null) {
			this.subscriber.close();
		}
		if (this.publisher != null) {
			this.publisher.close();
		}
		if (this.redis != null) {
			this.redis.shutdown();
		}
	}

}
