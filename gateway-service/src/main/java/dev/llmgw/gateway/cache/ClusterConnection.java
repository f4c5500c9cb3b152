package dev.llmgw.gateway.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The cache's connection to a Redis cluster ({@code redis_startup_nodes}): connected
 * without blocking the start, again at most every {@value #RETRY_MILLIS} ms while the
 * cluster cannot be reached, its commands refused at once while disconnected (so that the
 * cache fails open instead of queueing). Lettuce routes each key to its slot's node.
 */
final class ClusterConnection implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ClusterConnection.class);

	private static final long RETRY_MILLIS = 2_000;

	private final List<RedisURI> nodes;

	private final ClientResources resources;

	private final RedisClusterClient client;

	private final AtomicReference<StatefulRedisClusterConnection<String, String>> connection = new AtomicReference<>();

	private final AtomicLong lastAttempt = new AtomicLong();

	private volatile boolean closed;

	ClusterConnection(List<RedisURI> nodes, Duration connectTimeout) {
		this.nodes = nodes;
		this.resources = DefaultClientResources.builder().reconnectDelay(Delay.constant(Duration.ofSeconds(1))).build();
		this.client = RedisClusterClient.create(this.resources, nodes);
		this.client.setOptions(ClusterClientOptions.builder()
			.autoReconnect(true)
			.socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
			.disconnectedBehavior(ClusterClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			// the cache bounds every command with Reactor's timeout
			.timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
			.build());
		// connect now, without waiting: a first call should find the connection made
		commands().subscribe((ready) -> {
		}, (error) -> {
		});
	}

	Mono<RedisCacheStore.Commands> commands() {
		if (this.closed) {
			return Mono.error(new IllegalStateException("Redis cluster client is closed"));
		}
		StatefulRedisClusterConnection<String, String> current = this.connection.get();
		if (current != null) {
			return Mono.just(commandsOf(current));
		}
		long now = System.currentTimeMillis();
		long last = this.lastAttempt.get();
		if (now - last < RETRY_MILLIS || !this.lastAttempt.compareAndSet(last, now)) {
			return Mono.error(new IllegalStateException("Redis cluster " + describe() + " is not connected"));
		}
		// the topology first: Lettuce's asynchronous connect does not load it by itself
		return Mono.fromFuture(() -> this.client.refreshPartitionsAsync().toCompletableFuture())
			.then(Mono.fromFuture(() -> this.client.connectAsync(StringCodec.UTF8).toCompletableFuture()))
			.map((connected) -> {
				if (!this.connection.compareAndSet(null, connected)) {
					connected.closeAsync();
				}
				else {
					log.info("Response cache connected to Redis cluster {}", describe());
				}
				return commandsOf(this.connection.get());
			})
			.doOnError((error) -> log.warn("Redis cluster {} is unreachable: {}", describe(), error.toString()));
	}

	String describe() {
		return this.nodes.stream()
			.map((node) -> node.getHost() + ":" + node.getPort())
			.collect(Collectors.joining(","));
	}

	private static RedisCacheStore.Commands commandsOf(StatefulRedisClusterConnection<String, String> connection) {
		var commands = connection.reactive();
		return new RedisCacheStore.Commands(commands, commands, commands);
	}

	@Override
	public void close() {
		this.closed = true;
		StatefulRedisClusterConnection<String, String> current = this.connection.getAndSet(null);
		try {
			if (current != null) {
				current.closeAsync().get(2, TimeUnit.SECONDS);
			}
			this.client.shutdownAsync(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
			this.resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.warn("Redis cluster client did not close in time: {}", ex.toString());
		}
	}

}
