package dev.llmgw.gateway.auth;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Drops changed keys, users and teams from the authentication cache of every instance.
 * Locally at once; across instances through a Redis pub/sub channel when Redis is
 * configured (without Redis, one instance is assumed). A lost message costs at most the
 * cache's time to live, never a wrong answer for longer.
 */
public final class AuthCacheInvalidation implements KeyInvalidation, AutoCloseable {

	static final String CHANNEL = "llmgw:auth-cache:invalidate";

	private static final Logger log = LoggerFactory.getLogger(AuthCacheInvalidation.class);

	private final VirtualKeyAuthenticator cache;

	private final @Nullable RedisClient redis;

	private @Nullable StatefulRedisConnection<String, String> publisher;

	private @Nullable StatefulRedisPubSubConnection<String, String> subscriber;

	private @Nullable Disposable listening;

	/**
	 * @param cache the cache to keep current
	 * @param redisUri the shared Redis, null for a single instance
	 */
	public AuthCacheInvalidation(VirtualKeyAuthenticator cache, @Nullable RedisURI redisUri) {
		this.cache = cache;
		this.redis = (redisUri != null) ? RedisClient.create(redisUri) : null;
		if (this.redis != null) {
			connect();
		}
	}

	private void connect() {
		try {
			this.subscriber = this.redis.connectPubSub();
			this.listening = this.subscriber.reactive()
				.observeChannels()
				.subscribe((message) -> apply(message.getMessage()),
						(error) -> log.warn("auth cache invalidation listener stopped: {}", error.toString()));
			this.subscriber.sync().subscribe(CHANNEL);
			this.publisher = this.redis.connect();
		}
		catch (RuntimeException ex) {
			// Lettuce reconnects on its own once connected; a first connection that fails
			// leaves this instance
			// relying on the cache's time to live, which the warning says.
			log.warn("Redis is unreachable ({}): key changes reach other instances only after the auth cache's "
					+ "time to live", ex.getMessage());
		}
	}

	@Override
	public void keyChanged(String tokenHash) {
		this.cache.evictKey(tokenHash);
		publish("key:" + tokenHash);
	}

	@Override
	public void userChanged(String userId) {
		this.cache.evictUser(userId);
		publish("user:" + userId);
	}

	@Override
	public void teamChanged(String teamId) {
		this.cache.evictTeam(teamId);
		publish("team:" + teamId);
	}

	private void publish(String message) {
		StatefulRedisConnection<String, String> connection = this.publisher;
		if (connection != null) {
			connection.reactive()
				.publish(CHANNEL, message)
				.subscribe(null,
						(error) -> log.warn("could not publish auth cache invalidation: {}", error.toString()));
		}
	}

	void apply(String message) {
		int colon = message.indexOf(':');
		if (colon < 0) {
			return;
		}
		String id = message.substring(colon + 1);
		switch (message.substring(0, colon)) {
			case "key" -> this.cache.evictKey(id);
			case "user" -> this.cache.evictUser(id);
			case "team" -> this.cache.evictTeam(id);
			default -> this.cache.evictAll();
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
