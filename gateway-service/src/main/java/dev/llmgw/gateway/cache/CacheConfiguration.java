package dev.llmgw.gateway.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.config.CacheSettings;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.gateway.engine.CacheStage;
import dev.llmgw.gateway.redis.SharedRedisProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The response cache stage: {@link ResponseCache} with {@code litellm_settings.cache:
 * true}, else {@link NoResponseCache}; and LiteLLM's {@code /cache/*} admin routes.
 */
@Configuration(proxyBeanMethods = false)
public class CacheConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CacheConfiguration.class);

	/** LiteLLM's defaults: 600 s in memory, 60 s in Redis. */
	static final Duration LOCAL_TTL = Duration.ofSeconds(600);

	static final Duration REDIS_TTL = Duration.ofSeconds(60);

	/** LiteLLM's largest in-memory item, 1024 KB, applied to both types. */
	static final int DEFAULT_MAX_ITEM_KB = 1024;

	/** How long a lookup or store may take before the call goes on without the cache. */
	static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

	/** Every call type the gateway serves, LiteLLM's default list. */
	static final Set<String> ALL_CALL_TYPES = Set.of("completion", "text_completion", "embedding", "anthropic_messages",
			"responses");

	@Bean(destroyMethod = "close")
	CacheBackendHolder cacheBackend(GatewayConfig config, GatewayProperties properties, SharedRedisProvider shared) {
		CacheSettings settings = config.litellmSettings().cache();
		if (!settings.enabled()) {
			log.info("Response cache: off (litellm_settings.cache is not true)");
			return new CacheBackendHolder(null);
		}
		CacheBackend backend = new CacheBackend(settings, properties, shared.get());
		log.info("Response cache: {}, entries live {} s unless a request says, mode {}, scope {}", backend.describe(),
				ttl(settings).toSeconds(), settings.mode(), settings.scope());
		return new CacheBackendHolder(backend);
	}

	@Bean
	CacheStage responseCache(GatewayConfig config, CacheBackendHolder holder, JsonMapper mapper) {
		CacheBackend backend = holder.backend();
		if (backend == null) {
			return new NoResponseCache();
		}
		CacheSettings settings = config.litellmSettings().cache();
		Set<String> callTypes = (settings.supportedCallTypes() != null) ? Set.copyOf(settings.supportedCallTypes())
				: ALL_CALL_TYPES;
		int itemKb = (settings.maxSizePerItemKb() != null) ? settings.maxSizePerItemKb() : DEFAULT_MAX_ITEM_KB;
		Duration timeout = (settings.socketTimeout() != null)
				? Duration.ofMillis((long) (settings.socketTimeout() * 1000)) : DEFAULT_TIMEOUT;
		ResponseCache.Options options = new ResponseCache.Options("default_on".equals(settings.mode()), callTypes,
				settings.namespace(), ttl(settings), itemKb * 1024L, settings.scope());
		return new ResponseCache(backend.store(), new StoreGuard(timeout, System::currentTimeMillis), mapper, options,
				System::currentTimeMillis);
	}

	@Bean
	RouterFunction<ServerResponse> cacheRoutes(CacheStage stage, JsonBodyReader bodies, GatewayConfig config) {
		CacheEndpoints endpoints = new CacheEndpoints(stage, bodies, shown(config.litellmSettings().cache()));
		return RouterFunctions.route()
			.GET("/cache/ping", endpoints::ping)
			.POST("/cache/delete", endpoints::delete)
			.POST("/cache/flushall", endpoints::flushAll)
			.GET("/cache/redis/info", endpoints::redisInfo)
			.build();
	}

	/** How long an entry lives unless its request says: LiteLLM's order of settings. */
	static Duration ttl(CacheSettings settings) {
		boolean local = "local".equals(settings.type());
		Double specific = local ? settings.defaultInMemoryTtl() : settings.defaultInRedisTtl();
		Double seconds = (specific != null) ? specific : settings.ttl();
		if (seconds == null) {
			return local ? LOCAL_TTL : REDIS_TTL;
		}
		return Duration.ofMillis((long) (seconds * 1000));
	}

	/** The settings /cache/ping shows: never the password or a URL that may hold one. */
	private static Map<String, Object> shown(CacheSettings settings) {
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put("type", settings.type());
		shown.put("mode", settings.mode());
		shown.put("namespace", settings.namespace());
		shown.put("ttl", ttl(settings).toSeconds());
		shown.put("scope", settings.scope());
		shown.put("host", settings.host());
		shown.put("port", settings.port());
		shown.put("redis_startup_nodes", settings.startupNodes().size());
		shown.put("supported_call_types",
				(settings.supportedCallTypes() != null) ? settings.supportedCallTypes() : ALL_CALL_TYPES);
		shown.values().removeIf(java.util.Objects::isNull);
		return shown;
	}

	/** The backend, or none when the cache is off; closes what the backend opened. */
	record CacheBackendHolder(@Nullable CacheBackend backend) implements AutoCloseable {

		@Override
		public void close() throws Exception {
			if (this.backend != null) {
				this.backend.close();
			}
		}

	}

}
