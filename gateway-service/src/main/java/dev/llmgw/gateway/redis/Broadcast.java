package dev.llmgw.gateway.redis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Messages between gateway instances over Redis pub/sub, for what each keeps in memory:
 * key, user and team changes for the auth cache, model changes, deployment cooldowns. On
 * the shared Redis client: messages go out on its connection, and one more connection
 * listens to every channel. A lost message is never a wrong answer for long: each
 * receiver also has its own time to live or poll. Without Redis (one instance) publishing
 * does nothing.
 */
public final class Broadcast implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Broadcast.class);

	private final @Nullable SharedRedis redis;

	private final Map<String, List<Consumer<String>>> receivers = new ConcurrentHashMap<>();

	private @Nullable StatefulRedisPubSubConnection<String, String> subscriber;

	private @Nullable Disposable listening;

	/**
	 * @param redis the shared Redis, null for a single instance
	 */
	public Broadcast(@Nullable SharedRedis redis) {
		this.redis = redis;
		if (redis != null) {
			try {
				this.subscriber = redis.connectPubSub();
				this.listening = this.subscriber.reactive()
					.observeChannels()
					.subscribe((message) -> receive(message.getChannel(), message.getMessage()),
							(error) -> log.warn("broadcast listener stopped: {}", error.toString()));
			}
			catch (RuntimeException ex) {
				// Lettuce reconnects on its own once connected; a first connection that
				// fails leaves this instance relying on each receiver's time to live
				log.warn("Redis is unreachable ({}): key, model and cooldown changes reach other instances only "
						+ "through their caches' time to live", ex.getMessage());
			}
		}
	}

	/**
	 * Hands every message of a channel to {@code receiver}, this instance's own included,
	 * on a Redis I/O thread: the receiver must not block.
	 */
	public void subscribe(String channel, Consumer<String> receiver) {
		this.receivers.computeIfAbsent(channel, (name) -> new CopyOnWriteArrayList<>()).add(receiver);
		StatefulRedisPubSubConnection<String, String> connection = this.subscriber;
		if (connection != null) {
			try {
				connection.sync().subscribe(channel);
			}
			catch (RuntimeException ex) {
				log.warn("could not subscribe to {}: {}", channel, ex.toString());
			}
		}
	}

	/** Sends a message to every instance, without waiting. */
	public void publish(String channel, String message) {
		if (this.redis != null) {
			this.redis.commands()
				.flatMap((commands) -> commands.publish(channel, message))
				.subscribe(null, (error) -> log.warn("could not publish on {}: {}", channel, error.toString()));
		}
	}

	private void receive(String channel, String message) {
		List<Consumer<String>> listeners = this.receivers.get(channel);
		if (listeners == null) {
			return;
		}
		for (Consumer<String> receiver : listeners) {
			try {
				receiver.accept(message);
			}
			catch (RuntimeException ex) {
				log.warn("a receiver of {} failed: {}", channel, ex.toString());
			}
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
	}

}
