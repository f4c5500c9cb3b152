package dev.llmgw.gateway.cache;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A single Redis's entries, also kept in this process once read, so that a repeated
 * question is answered from memory, without a round trip, on every instance. Redis keeps
 * the copies honest: the entries are read over a connection of their own with
 * {@code CLIENT TRACKING} on, and Redis sends that connection an invalidation (RESP3
 * push) for each key it read there as soon as the key changes, is deleted, expires or is
 * evicted, anywhere; a {@code FLUSHALL} drops every copy. Each copy also ends when its
 * key's TTL in Redis does.
 * <p>
 * Where the copies could go stale, they are given up instead: while that connection is
 * away (invalidations would be lost), or has not answered a once-a-second PING within a
 * second (a frozen Redis, a partition that TCP has not noticed: another instance may be
 * deleting entries meanwhile), nothing is kept or served and everything kept is dropped;
 * and a value read while an invalidation arrived is not kept (the generation check, the
 * same idea as Lettuce's pending marker). A Redis that cannot track (before 6.2, RESP2
 * only, or a managed Redis that refuses the command) leaves the cache as it was without
 * the copies, said once in the log.
 */
final class NearCachedStore implements CacheStore, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(NearCachedStore.class);

	/** How often a lost or never-made tracking connection is tried again. */
	private static final long RETRY_MILLIS = 2_000;

	/**
	 * How often the tracking connection is asked whether it is alive, and how long its
	 * answer may take: the longest a copy can outlive its entry's deletion elsewhere
	 * while invalidations cannot arrive is about twice this.
	 */
	static final Duration HEARTBEAT = Duration.ofSeconds(1);

	private final CacheStore redis;

	private final NearCopies near;

	private final Supplier<CompletableFuture<StatefulRedisConnection<String, String>>> connector;

	/** Orders copies kept against invalidations, which arrive on Lettuce's thread. */
	private final Object lock = new Object();

	/**
	 * Counts invalidations and losses of tracking: a value read before the count moved
	 * may be stale. Guarded by {@link #lock}.
	 */
	private long generation;

	/**
	 * The connection while Redis tracks what is read over it and it answers; null
	 * otherwise, when no copy is kept or served.
	 */
	private volatile @Nullable StatefulRedisConnection<String, String> tracked;

	/**
	 * The connection Redis tracks since its last (re)connection, whether or not it
	 * answers now; a heartbeat answered again makes it {@link #tracked} again.
	 */
	private volatile @Nullable StatefulRedisConnection<String, String> trackingOn;

	private final Disposable heartbeat;

	private final AtomicReference<StatefulRedisConnection<String, String>> connection = new AtomicReference<>();

	private final AtomicLong lastAttempt = new AtomicLong();

	private final AtomicLong copies = new AtomicLong();

	private final AtomicLong invalidations = new AtomicLong();

	private volatile boolean closed;

	private volatile boolean refused;

	private final PushListener pushes = this::pushed;

	private final RedisConnectionStateListener states = new RedisConnectionStateListener() {

		@Override
		public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
			forget();
		}

		@Override
		public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
			StatefulRedisConnection<String, String> own = NearCachedStore.this.connection.get();
			if (own != null && own == handler) {
				track(own);
			}
		}

	};

	/**
	 * @param redis the entries themselves
	 * @param near where copies are kept, bounded
	 * @param connector a new connection to the same Redis, for tracking alone
	 */
	NearCachedStore(CacheStore redis, NearCopies near,
			Supplier<CompletableFuture<StatefulRedisConnection<String, String>>> connector) {
		this.redis = redis;
		this.near = near;
		this.connector = connector;
		connectLater();
		this.heartbeat = Flux.interval(HEARTBEAT, HEARTBEAT).subscribe((tick) -> beat());
	}

	@Override
	public @Nullable String held(String key) {
		return (this.tracked != null) ? this.near.get(key) : null;
	}

	/**
	 * Read over the tracking connection, with the key's time to live, and kept when no
	 * invalidation came meanwhile; read from the shared connection, and not kept, while
	 * there is no tracking.
	 */
	@Override
	public Mono<String> get(String key) {
		StatefulRedisConnection<String, String> own = this.tracked;
		if (own == null) {
			return this.redis.get(key);
		}
		long seen;
		synchronized (this.lock) {
			seen = this.generation;
		}
		String redisKey = RedisCacheStore.PREFIX + key;
		RedisAsyncCommands<String, String> commands = own.async();
		CompletableFuture<String> value = commands.get(redisKey).toCompletableFuture();
		CompletableFuture<Long> left = commands.pttl(redisKey).toCompletableFuture();
		return Mono.fromFuture(value.thenCombine(left, (found, millis) -> {
			keep(own, seen, key, found, millis);
			return found;
		}));
	}

	@Override
	public Mono<Void> put(String key, String value, Duration ttl) {
		// not kept here: the next read keeps it, and so is tracked
		return this.redis.put(key, value, ttl);
	}

	@Override
	public Mono<Long> delete(List<String> keys) {
		return Mono.defer(() -> {
			synchronized (this.lock) {
				this.generation++;
				keys.forEach(this.near::drop);
			}
			return this.redis.delete(keys);
		});
	}

	@Override
	public Mono<Long> flush() {
		return Mono.defer(() -> {
			synchronized (this.lock) {
				dropAll(this.tracked);
			}
			return this.redis.flush();
		});
	}

	@Override
	public Mono<Boolean> ping() {
		return this.redis.ping();
	}

	@Override
	public Mono<Map<String, Object>> info() {
		return this.redis.info().map((redisInfo) -> {
			Map<String, Object> body = new LinkedHashMap<>(redisInfo);
			Map<String, Object> near = new LinkedHashMap<>(this.near.describe());
			near.put("tracking", this.tracked != null);
			near.put("copies_kept", this.copies.get());
			near.put("invalidations", this.invalidations.get());
			body.put("near_cache", near);
			return body;
		});
	}

	@Override
	public String type() {
		return this.redis.type();
	}

	@Override
	public void close() {
		this.closed = true;
		this.heartbeat.dispose();
		forget();
		StatefulRedisConnection<String, String> own = this.connection.getAndSet(null);
		if (own != null) {
			own.closeAsync();
		}
	}

	private void keep(StatefulRedisConnection<String, String> own, long seen, String key, @Nullable String value,
			@Nullable Long millis) {
		if (value == null || millis == null || millis <= 0) {
			return;
		}
		synchronized (this.lock) {
			if (seen == this.generation && this.tracked == own) {
				this.near.put(key, value, millis);
				this.copies.incrementAndGet();
			}
		}
	}

	/**
	 * Redis's word that keys changed: their copies go; with no keys ({@code FLUSHALL},
	 * {@code FLUSHDB}) every copy goes.
	 */
	private void pushed(PushMessage message) {
		if (!"invalidate".equals(message.getType())) {
			return;
		}
		List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
		Object keys = (content.size() > 1) ? content.get(1) : null;
		this.invalidations.incrementAndGet();
		synchronized (this.lock) {
			this.generation++;
			if (keys instanceof List<?> list) {
				for (Object item : list) {
					if (item instanceof String redisKey && redisKey.startsWith(RedisCacheStore.PREFIX)) {
						this.near.drop(redisKey.substring(RedisCacheStore.PREFIX.length()));
					}
				}
			}
			else {
				this.near.clear();
			}
		}
	}

	/**
	 * A PING on the tracking connection; no answer within {@link #HEARTBEAT} sets the
	 * copies aside until one comes.
	 */
	private void beat() {
		StatefulRedisConnection<String, String> own = this.connection.get();
		if (own == null) {
			connectLater();
			return;
		}
		if (this.trackingOn != own) {
			return;
		}
		own.reactive().ping().timeout(HEARTBEAT).subscribe((pong) -> {
			if (this.tracked == null && this.trackingOn == own) {
				resume(own);
			}
		}, (error) -> {
			if (this.tracked != null) {
				log.warn("Response cache: Redis has not answered for {} ms; copies in memory are dropped until it does",
						HEARTBEAT.toMillis());
				suspend();
			}
		});
	}

	/** No answer: copies are set aside until the heartbeat is answered again. */
	private void suspend() {
		synchronized (this.lock) {
			dropAll(null);
		}
	}

	private void resume(StatefulRedisConnection<String, String> own) {
		synchronized (this.lock) {
			if (this.trackingOn == own) {
				dropAll(own);
			}
		}
	}

	/** Tracking is gone (or never was on this connection): no copy can be trusted. */
	private void forget() {
		synchronized (this.lock) {
			this.trackingOn = null;
			dropAll(null);
		}
	}

	/**
	 * Every copy goes and no read in flight is kept; copies are then kept and served over
	 * {@code tracking}, or not at all while it is null. Called holding {@link #lock}.
	 */
	private void dropAll(@Nullable StatefulRedisConnection<String, String> tracking) {
		this.tracked = tracking;
		this.generation++;
		this.near.clear();
	}

	private void connectLater() {
		if (this.closed || this.refused || this.connection.get() != null) {
			return;
		}
		long now = System.currentTimeMillis();
		long last = this.lastAttempt.get();
		if (now - last < RETRY_MILLIS || !this.lastAttempt.compareAndSet(last, now)) {
			return;
		}
		this.connector.get().whenComplete((own, error) -> {
			if (error != null) {
				log.debug("Response cache: no tracking connection yet: {}", error.toString());
				return;
			}
			if (this.closed || !this.connection.compareAndSet(null, own)) {
				own.closeAsync();
				return;
			}
			own.addListener(this.pushes);
			own.addListener(this.states);
			track(own);
		});
	}

	/**
	 * Asks Redis to track this connection's reads, and checks that its invalidations come
	 * over this connection (RESP3); only then are copies kept.
	 */
	private void track(StatefulRedisConnection<String, String> own) {
		RedisAsyncCommands<String, String> commands = own.async();
		commands.clientTracking(TrackingArgs.Builder.enabled())
			.toCompletableFuture()
			.thenCompose((ok) -> commands.clientInfo().toCompletableFuture())
			.whenComplete((info, failure) -> {
				Throwable error = (failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure;
				if (error == null && info != null && info.contains(" resp=3")) {
					this.trackingOn = own;
					resume(own);
					log.info("Response cache: entries read are also kept in memory, Redis tracking them");
				}
				else if (error instanceof RedisCommandExecutionException || error == null) {
					refuse((error != null) ? error.getMessage() : "the connection does not speak RESP3");
				}
				else {
					log.debug("Response cache: tracking not on yet: {}", error.toString());
				}
			});
	}

	private void refuse(@Nullable String why) {
		this.refused = true;
		log.info("Response cache: Redis does not track keys for this client ({}); every lookup goes to Redis", why);
		close();
	}

}
