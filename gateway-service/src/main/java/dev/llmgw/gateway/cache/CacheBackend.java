package dev.llmgw.gateway.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.llmgw.gateway.config.CacheSettings;
import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.gateway.redis.RedisSettings;
import dev.llmgw.gateway.redis.SharedRedis;
import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where the cache keeps its entries, from {@code cache_params}: in this process, or in a
 * Redis named by {@code host}/{@code port}/{@code password}/{@code ssl} or {@code url},
 * each falling back to the {@code REDIS_*} variables as LiteLLM's do, or in a cluster
 * ({@code redis_startup_nodes}). When that Redis is the one the gateway already shares
 * state through, its connection is reused; otherwise the cache opens its own, closed at
 * stop.
 */
final class CacheBackend implements AutoCloseable {

	/** Entries of the local cache, LiteLLM's in-memory default. */
	static final int DEFAULT_MAX_ENTRIES = 200;

	/**
	 * Copies a Redis cache keeps in memory: more than the local cache's 200, as they are
	 * only copies and stay coherent.
	 */
	static final int DEFAULT_NEAR_ENTRIES = 1_000;

	/** The local cache's size: an eighth of the images' 256 MB heap. */
	static final int DEFAULT_MAX_MEMORY_MB = 32;

	private final CacheStore store;

	private final String description;

	private final List<AutoCloseable> owned = new ArrayList<>();

	CacheBackend(CacheSettings settings, GatewayProperties properties, @Nullable SharedRedis shared) {
		if ("local".equals(settings.type())) {
			int entries = (settings.maxSizeInMemory() != null) ? settings.maxSizeInMemory() : DEFAULT_MAX_ENTRIES;
			int megabytes = (settings.maxMemoryMb() != null) ? settings.maxMemoryMb() : DEFAULT_MAX_MEMORY_MB;
			this.store = new LocalCacheStore(entries, megabytes * 1024L * 1024L, System::currentTimeMillis);
			this.description = "in memory, at most " + entries + " entries and " + megabytes + " MB";
			return;
		}
		if (!settings.startupNodes().isEmpty()) {
			List<RedisURI> nodes = new ArrayList<>();
			for (CacheSettings.HostPort node : settings.startupNodes()) {
				nodes.add(authenticated(RedisURI.builder().withHost(node.host()).withPort(node.port()), settings,
						properties));
			}
			ClusterConnection cluster = new ClusterConnection(nodes, properties.connectTimeout());
			this.owned.add(cluster);
			this.store = new RedisCacheStore(cluster::commands);
			this.description = "Redis cluster " + cluster.describe();
			return;
		}
		RedisURI target = target(settings, properties);
		RedisURI sharedTarget = RedisSettings.from(properties);
		SharedRedis redis;
		String description;
		if (shared != null && sharedTarget != null && sameRedis(target, sharedTarget)) {
			redis = shared;
			description = "Redis " + shared.describe() + " (the connection the gateway shares state through)";
		}
		else {
			redis = new SharedRedis(target, Duration.ofSeconds(2));
			this.owned.add(redis);
			description = "Redis " + redis.describe();
		}
		CacheStore entries = new RedisCacheStore(commandsOf(redis));
		if (Boolean.FALSE.equals(settings.nearCache())) {
			this.store = entries;
			this.description = description;
			return;
		}
		int copies = (settings.maxSizeInMemory() != null) ? settings.maxSizeInMemory() : DEFAULT_NEAR_ENTRIES;
		int megabytes = (settings.maxMemoryMb() != null) ? settings.maxMemoryMb() : DEFAULT_MAX_MEMORY_MB;
		NearCachedStore near = new NearCachedStore(entries,
				new NearCopies(copies, megabytes * 1024L * 1024L, System::currentTimeMillis), redis::connectOwn);
		// closed before the Redis it reads, which closes last
		this.owned.add(0, near);
		this.store = near;
		this.description = description + ", the entries read kept in memory too (at most " + copies + " and "
				+ megabytes + " MB, dropped as Redis reports them changed)";
	}

	CacheStore store() {
		return this.store;
	}

	String describe() {
		return this.description;
	}

	/** cache_params over REDIS_URL / REDIS_HOST and the rest, as LiteLLM reads them. */
	static RedisURI target(CacheSettings settings, GatewayProperties properties) {
		String url = (settings.url() != null) ? settings.url() : properties.redisUrl();
		if (url != null && !url.isBlank() && settings.host() == null) {
			try {
				RedisURI uri = RedisURI.create(url.trim());
				if (settings.db() != null) {
					uri.setDatabase(settings.db());
				}
				return uri;
			}
			catch (IllegalArgumentException ex) {
				throw new ConfigException(
						"litellm_settings.cache_params.url (or REDIS_URL) is not a Redis URL (redis://host:port or rediss://...)");
			}
		}
		String host = (settings.host() != null) ? settings.host() : properties.redisHost();
		if (host == null || host.isBlank()) {
			throw new ConfigException("litellm_settings.cache is on with a Redis cache, but no Redis is named: set "
					+ "cache_params.host (or url), or REDIS_HOST, or use cache_params.type: local");
		}
		int port = (settings.port() != null) ? settings.port() : properties.redisPort();
		RedisURI.Builder builder = RedisURI.builder().withHost(host.trim()).withPort(port);
		if (settings.db() != null) {
			builder.withDatabase(settings.db());
		}
		return authenticated(builder, settings, properties);
	}

	private static RedisURI authenticated(RedisURI.Builder builder, CacheSettings settings,
			GatewayProperties properties) {
		builder.withSsl((settings.ssl() != null) ? settings.ssl() : properties.redisSsl());
		String password = (settings.password() != null) ? settings.password() : properties.redisPassword();
		if (password != null && !password.isBlank()) {
			if (settings.username() != null && !settings.username().isBlank()) {
				builder.withAuthentication(settings.username(), password.toCharArray());
			}
			else {
				builder.withPassword(password.toCharArray());
			}
		}
		return builder.build();
	}

	private static boolean sameRedis(RedisURI a, RedisURI b) {
		return a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort()
				&& a.getDatabase() == b.getDatabase() && a.isSsl() == b.isSsl()
				&& Objects.equals(a.getUsername(), b.getUsername()) && Arrays.equals(a.getPassword(), b.getPassword());
	}

	private static Supplier<Mono<RedisCacheStore.Commands>> commandsOf(SharedRedis redis) {
		return () -> redis.commands().map((commands) -> new RedisCacheStore.Commands(commands, commands, commands));
	}

	@Override
	public void close() throws Exception {
		for (AutoCloseable connection : this.owned) {
			connection.close();
		}
	}

}
