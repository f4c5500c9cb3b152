package dev.llmgw.gateway.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where entries live: in this process or in Redis. Every operation may fail (Redis away
 * or slow); {@link ResponseCache} bounds and forgives each one, so a store reports its
 * failures rather than hiding them.
 */
interface CacheStore {

	/** The value, or empty when there is none. */
	Mono<String> get(String key);

	/**
	 * The value when this process holds it, answered at once without a timer or a
	 * subscription (a hit's fast path); null when it must be asked for with {@link #get}.
	 */
	default @Nullable String held(String key) {
		return null;
	}

	/** Keeps the value for {@code ttl}. */
	Mono<Void> put(String key, String value, Duration ttl);

	/** Removes the keys; answers how many there were. */
	Mono<Long> delete(List<String> keys);

	/** Removes every entry of the cache, and nothing else. */
	Mono<Long> flush();

	/** Stores and reads back a probe entry, for {@code /cache/ping}. */
	Mono<Boolean> ping();

	/** What the store says about itself, for {@code /cache/redis/info}. */
	Mono<Map<String, Object>> info();

	/** {@code local} or {@code redis}. */
	String type();

}
