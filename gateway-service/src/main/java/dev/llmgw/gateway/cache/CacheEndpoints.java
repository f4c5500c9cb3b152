package dev.llmgw.gateway.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmgw.gateway.admin.AdminAccess;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.engine.CacheStage;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.ServiceUnavailableError;
import dev.llmgw.gateway.web.CallerInput;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * LiteLLM's cache routes, for admins only: {@code GET /cache/ping}, {@code POST
 * /cache/delete} with {@code {"keys": [...]}} (the keys as {@code x-litellm-cache-key}
 * shows them), {@code POST /cache/flushall} (the cache's entries only, not the rest of
 * the Redis it shares), {@code GET /cache/redis/info}. Without a cache each answers 503,
 * as LiteLLM's do.
 */
final class CacheEndpoints {

	/** How long a route waits for the store. */
	private static final Duration WAIT = Duration.ofSeconds(5);

	/** The most keys one delete may name. */
	static final int MAX_KEYS = 1000;

	/** A key is a namespace of at most 256 characters and a 64-digit hash. */
	static final int MAX_KEY_CHARS = 1024;

	private final CacheStage stage;

	private final JsonBodyReader bodies;

	private final Map<String, Object> params;

	/**
	 * @param stage the cache stage, a {@link ResponseCache} when the cache is on
	 * @param bodies reads the delete request
	 * @param params what {@code /cache/ping} shows of the configuration (no secret)
	 */
	CacheEndpoints(CacheStage stage, JsonBodyReader bodies, Map<String, Object> params) {
		this.stage = stage;
		this.bodies = bodies;
		this.params = params;
	}

	Mono<ServerResponse> ping(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/cache/ping");
		CacheStore store = store("cache_ping_error", "cache_ping");
		return store.ping().timeout(WAIT).onErrorResume((error) -> Mono.just(false)).flatMap((answered) -> {
			if (!answered) {
				return Mono.error(new ServiceUnavailableError(
						"Service Unhealthy (503: the " + store.type() + " cache did not answer)", "cache_ping_error",
						"cache_ping"));
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("status", "healthy");
			body.put("cache_type", store.type());
			body.put("ping_response", true);
			body.put("set_cache_response", "success");
			body.put("litellm_cache_params", this.params);
			body.put("health_check_cache_params", counts());
			return json(body);
		});
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/cache/delete");
		CacheStore store = store("cache_delete_error", "cache_delete");
		return this.bodies.read(request.exchange(), DeleteRequest.class).flatMap((body) -> {
			List<@Nullable String> keys = body.keys();
			if (keys == null || keys.isEmpty()) {
				return Mono.error(new BadRequestError("'keys' must be a non-empty list of cache keys", null, "keys"));
			}
			if (keys.size() > MAX_KEYS) {
				return Mono.error(new BadRequestError("'keys' may name at most " + MAX_KEYS + " keys", null, "keys"));
			}
			for (String key : keys) {
				if (key == null || key.isEmpty() || key.length() > MAX_KEY_CHARS) {
					return Mono.error(new BadRequestError(
							"'keys' holds an empty key or one longer than " + MAX_KEY_CHARS + " characters", null,
							"keys"));
				}
				CallerInput.check("keys", key);
			}
			return store.delete(List.copyOf(keys))
				.timeout(WAIT)
				.onErrorMap((error) -> unavailable("Cache Delete Failed", error, "cache_delete_error", "cache_delete"))
				.flatMap((deleted) -> json(Map.of("status", "success", "deleted", deleted)));
		});
	}

	Mono<ServerResponse> flushAll(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/cache/flushall");
		CacheStore store = store("cache_flush_error", "cache_flushall");
		return store.flush()
			.timeout(Duration.ofSeconds(30))
			.onErrorMap((error) -> unavailable("Service Unhealthy", error, "cache_flush_error", "cache_flushall"))
			.flatMap((deleted) -> json(Map.of("status", "success", "deleted", deleted)));
	}

	Mono<ServerResponse> redisInfo(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/cache/redis/info");
		CacheStore store = store("cache_info_error", "cache_redis_info");
		if (!"redis".equals(store.type())) {
			return Mono.error(new ServiceUnavailableError(
					"Service Unhealthy (Cache type " + store.type() + " does not support redis info)",
					"cache_info_error", "cache_redis_info"));
		}
		return store.info()
			.timeout(WAIT)
			.onErrorMap((error) -> unavailable("Service Unhealthy", error, "cache_info_error", "cache_redis_info"))
			.flatMap(this::json);
	}

	private CacheStore store(String type, String param) {
		if (this.stage instanceof ResponseCache cache) {
			return cache.store();
		}
		throw new ServiceUnavailableError("Service Unhealthy (503: Cache not initialized. litellm.cache is None)", type,
				param);
	}

	private Map<String, Object> counts() {
		return (this.stage instanceof ResponseCache cache) ? Map.copyOf(cache.counts()) : Map.of();
	}

	private static ServiceUnavailableError unavailable(String what, Throwable error, String type, String param) {
		return new ServiceUnavailableError(what + " (" + error.getClass().getSimpleName() + ")", type, param);
	}

	private Mono<ServerResponse> json(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	/** {@code {"keys": [...]}} */
	record DeleteRequest(@JsonProperty("keys") @Nullable List<@Nullable String> keys) {

	}

}
