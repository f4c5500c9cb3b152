package dev.llmgw.gateway.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The one connection to the shared Redis that the request path uses (Lettuce multiplexes
 * every command over it). It connects without blocking, reconnects by itself, and while
 * Redis is away its commands fail at once instead of queueing, so that callers can fail
 * open or closed as their feature requires.
 */
public final class SharedRedis implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);

	private static final long RETRY_MILLIS = 2_000;

	private static final long PROBE_MILLIS = 500;

	private static final Duration LONG_WAIT = Duration.ofSeconds(1);

	/** The answer while Redis is failing: no stack trace, it is an expected state. */
	private static final IllegalStateException NOT_ANSWERING = new IllegalStateException(
			"Redis has not been answering; trying again shortly") {

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	};

	private final RedisClient client;

	private final RedisURI uri;

	private final ClientResources resources;

	private final AtomicReference<StatefulRedisConnection<String, String>> connection = new AtomicReference<>();

	private final AtomicLong lastAttempt = new AtomicLong();

	private final AtomicLong lastProbe = new AtomicLong();

	private volatile boolean failing;

	private volatile boolean closed;

	public SharedRedis(RedisURI uri, Duration connectTimeout) {
		this(uri, connectTimeout, null);
	}

	/**
	 * @param latencies told how long each command took (the metrics' Lettuce timers);
	 * null for none
	 */
	public SharedRedis(RedisURI uri, Duration connectTimeout, @Nullable CommandLatencyRecorder latencies) {
		this.uri = uri;
		// reconnect every second while Redis is away, rather than backing off to 30 s:
		// limits come back promptly
		DefaultClientResources.Builder resources = DefaultClientResources.builder()
			.reconnectDelay(Delay.constant(Duration.ofSeconds(1)));
		if (latencies != null) {
			resources.commandLatencyRecorder(latencies);
		}
		this.resources = resources.build();
		this.client = RedisClient.create(this.resources);
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			// no command-expiry timer: callers bound their waits with Reactor's timeout,
			// and
			// Lettuce 6.8's expiry writer has been seen to wedge an event loop in its
			// SharedLock during shutdown
			.timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
			.build());
		connect().onErrorResume((error) -> Mono.empty()).block(Duration.ofSeconds(5));
	}

	/**
	 * A connection for subscribing, on this client (its reconnection included), for the
	 * {@link Broadcast} between instances.
	 */
	StatefulRedisPubSubConnection<String, String> connectPubSub() {
		return this.client.connectPubSub(this.uri);
	}

	/**
	 * A connection of its own on this client, for a caller whose commands change the
	 * connection's state (the response cache's invalidation tracking), which the shared
	 * connection must not carry. The caller closes it; closing this client closes it too.
	 */
	public CompletableFuture<StatefulRedisConnection<String, String>> connectOwn() {
		if (this.closed) {
			return CompletableFuture
				.failedFuture(new IllegalStateException("Redis " + describe() + " client is closed"));
		}
		return this.client.connectAsync(StringCodec.UTF8, this.uri).toCompletableFuture();
	}

	/**
	 * The commands, or an error while there is no connection (a new one is tried at most
	 * every 2 s).
	 */
	public Mono<RedisReactiveCommands<String, String>> commands() {
		if (this.closed) {
			return Mono.error(new IllegalStateException("Redis " + describe() + " client is closed"));
		}
		StatefulRedisConnection<String, String> current = this.connection.get();
		if (current != null) {
			return Mono.just(current.reactive());
		}
		long now = System.currentTimeMillis();
		long last = this.lastAttempt.get();
		if (now - last < RETRY_MILLIS || !this.lastAttempt.compareAndSet(last, now)) {
			return Mono.error(new IllegalStateException("Redis " + describe() + " is not connected"));
		}
		return connect().map(StatefulRedisConnection::reactive);
	}

	/**
	 * Runs a script: by its hash, and in full when Redis does not know it (after a
	 * restart, say).
	 * @param timeout how long to wait for the answer
	 */
	public <T> Mono<T> run(LuaScript script, ScriptOutputType type, String[] keys, String[] args, Duration timeout) {
		if (!mayTry()) {
			return Mono.error(NOT_ANSWERING);
		}
		return commands()
			.flatMap((commands) -> commands.<T>evalsha(script.sha1(), type, keys, args)
				.next()
				.onErrorResume(RedisNoScriptException.class,
						(missing) -> commands.<T>eval(script.text(), type, keys, args).next()))
			.timeout(timeout)
			.doOnNext((answer) -> this.failing = false)
			.doOnError((error) -> failed(error, timeout));
	}

	/**
	 * A refused or lost connection says Redis is away; a wait that ran out says so only
	 * when it was long (a budget's): a rate limit's short wait can run out on a busy
	 * machine while Redis is fine, and the calls of a burst time out together.
	 */
	private void failed(Throwable error, Duration timeout) {
		if (!(error instanceof TimeoutException) || timeout.compareTo(LONG_WAIT) >= 0) {
			this.failing = true;
		}
	}

	/**
	 * Whether a script may be sent now. After a failure (Redis down, or frozen past a
	 * caller's timeout) only one call every {@value #PROBE_MILLIS} ms tries Redis, and
	 * the others fail at once, so a frozen Redis costs each call nothing instead of its
	 * whole timeout; the first answer lets every call through again.
	 */
	private boolean mayTry() {
		if (!this.failing) {
			return true;
		}
		long now = System.currentTimeMillis();
		long last = this.lastProbe.get();
		return now - last >= PROBE_MILLIS && this.lastProbe.compareAndSet(last, now);
	}

	/** Whether the last script sent failed: callers then use their fallback at once. */
	public boolean failing() {
		return this.failing;
	}

	/**
	 * Whether Redis answers a PING within the timeout. Never waits longer and never
	 * fails: a probe reports, it does not throw.
	 */
	public Mono<Boolean> ping(Duration timeout) {
		return commands().flatMap((commands) -> commands.ping())
			.map("PONG"::equals)
			.timeout(timeout)
			.onErrorResume((error) -> Mono.just(false))
			.defaultIfEmpty(false);
	}

	public String describe() {
		return this.uri.getHost() + ":" + this.uri.getPort();
	}

	private Mono<StatefulRedisConnection<String, String>> connect() {
		this.lastAttempt.set(System.currentTimeMillis());
		return Mono.fromFuture(() -> this.client.connectAsync(StringCodec.UTF8, this.uri).toCompletableFuture())
			.doOnNext((connected) -> {
				if (!this.connection.compareAndSet(null, connected)) {
					connected.closeAsync();
				}
				else {
					log.info("Connected to Redis {}", describe());
				}
			})
			.map((ignored) -> this.connection.get())
			.doOnError((error) -> log.warn("Redis {} is unreachable: {}", describe(), error.toString()));
	}

	/**
	 * Closes without waiting for ever: a shutdown must not hang on a connection that is
	 * still busy (Lettuce's close can spin against an in-flight write).
	 */
	@Override
	public void close() {
		this.closed = true;
		StatefulRedisConnection<String, String> current = this.connection.getAndSet(null);
		if (current != null) {
			awaitBriefly(current.closeAsync(), "connection");
		}
		awaitBriefly(this.client.shutdownAsync(0, 2, TimeUnit.SECONDS), "client");
		awaitBriefly(this.resources.shutdown(0, 2, TimeUnit.SECONDS), "resources");
	}

	private void awaitBriefly(Future<?> closing, String what) {
		try {
			closing.get(3, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("Redis {} {} did not close cleanly: {}", describe(), what, ex.toString());
		}
	}

}
