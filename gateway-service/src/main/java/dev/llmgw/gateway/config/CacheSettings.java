package dev.llmgw.gateway.config;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * {@code litellm_settings.cache} and {@code cache_params}, as LiteLLM names them: what
 * the response cache is told. Only read here; what each value does is the cache's.
 *
 * @param enabled {@code cache: true}
 * @param type {@code local} or {@code redis}; LiteLLM's default is {@code redis} on the
 * {@code REDIS_*} variables when {@code cache_params} is absent or empty, and
 * {@code local} when it is given without a type
 * @param mode {@code default_on} (every call is cached) or {@code default_off} (only
 * calls that ask with {@code "use-cache": true})
 * @param namespace a prefix for every key
 * @param ttl seconds an entry lives, for either type
 * @param defaultInMemoryTtl seconds for the local type, over {@code ttl}
 * @param defaultInRedisTtl seconds for the Redis type, over {@code ttl}
 * @param supportedCallTypes LiteLLM's call type names that are cached; null for its
 * default (all of them)
 * @param host Redis host, over REDIS_HOST
 * @param port Redis port, over REDIS_PORT
 * @param password Redis password or ElastiCache auth token, over REDIS_PASSWORD
 * @param username Redis ACL user, over REDIS_USERNAME
 * @param ssl TLS to Redis, over REDIS_SSL
 * @param url a whole {@code redis://} or {@code rediss://} URL, over REDIS_URL (and over
 * host, port and password)
 * @param db the Redis database number
 * @param startupNodes a Redis cluster's nodes ({@code redis_startup_nodes}); cluster mode
 * when not empty
 * @param socketTimeout seconds a Redis lookup or store may take before the call goes on
 * without it
 * @param maxSizeInMemory how many entries the local cache holds
 * @param maxSizePerItemKb the largest entry kept, in KB, for either type
 * @param maxMemoryMb how many MB of entries the local cache holds (the gateway's own
 * bound, next to LiteLLM's count of entries)
 * @param scope who shares entries: {@code shared} (everyone, as LiteLLM), {@code team} or
 * {@code key} (the gateway's own, for tenants that must not share)
 * @param nearCache whether a single Redis's entries are also kept in this process, each
 * dropped as Redis reports it changed (the gateway's own; null for on)
 */
public record CacheSettings(boolean enabled, String type, String mode, @Nullable String namespace, @Nullable Double ttl,
		@Nullable Double defaultInMemoryTtl, @Nullable Double defaultInRedisTtl,
		@Nullable List<String> supportedCallTypes, @Nullable String host, @Nullable Integer port,
		@Nullable String password, @Nullable String username, @Nullable Boolean ssl, @Nullable String url,
		@Nullable Integer db, List<HostPort> startupNodes, @Nullable Double socketTimeout,
		@Nullable Integer maxSizeInMemory, @Nullable Integer maxSizePerItemKb, @Nullable Integer maxMemoryMb,
		String scope, @Nullable Boolean nearCache) {

	/** The keys of {@code cache_params} the gateway reads; others are warned about. */
	static final Set<String> KEYS = Set.of("type", "mode", "namespace", "ttl", "default_in_memory_ttl",
			"default_in_redis_ttl", "supported_call_types", "host", "port", "password", "username", "ssl", "url", "db",
			"redis_startup_nodes", "socket_timeout", "max_size_in_memory", "max_size_per_item", "max_memory_mb",
			"scope", "near_cache");

	public static final Set<String> TYPES = Set.of("local", "redis");

	public static final Set<String> MODES = Set.of("default_on", "default_off");

	public static final Set<String> SCOPES = Set.of("shared", "team", "key");

	public static final CacheSettings OFF = new CacheSettings(false, "local", "default_on", null, null, null, null,
			null, null, null, null, null, null, null, null, List.of(), null, null, null, null, "shared", null);

	/** A node of a Redis cluster. */
	public record HostPort(String host, int port) {

	}

}
