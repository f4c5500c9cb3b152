package dev.llmgw.gateway.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisKeyReactiveCommands;
import io.lettuce.core.api.reactive.RedisServerReactiveCommands;
import io.lettuce.core.api.reactive.RedisStringReactiveCommands;
import reactor.core.publisher.Mono;

/**
 * {@code type: redis}: entries in Redis (or a Redis cluster), shared by every instance,
 * each key under {@link #PREFIX} so that the gateway's other keys (rate limits, budgets)
 * live beside them untouched: {@code /cache/flushall} removes the cache's keys only,
 * where LiteLLM's runs {@code FLUSHALL} on the whole Redis.
 */
final class RedisCacheStore implements CacheStore {

	static final String PREFIX = "llmgw:cache:";

	private static final String PROBE_KEY = PREFIX + "ping-probe";

	private static final int FLUSH_BATCH = 500;

	private final Supplier<Mono<Commands>> commands;

	/**
	 * @param commands the commands of the connection, or an error while there is none
	 */
	RedisCacheStore(Supplier<Mono<Commands>> commands) {
		this.commands = commands;
	}

	@Override
	public Mono<String> get(String key) {
		return this.commands.get().flatMap((redis) -> redis.strings().get(PREFIX + key));
	}

	@Override
	public Mono<Void> put(String key, String value, Duration ttl) {
		return this.commands.get()
			.flatMap((redis) -> redis.strings()
				.set(PREFIX + key, value, SetArgs.Builder.px(Math.max(1, ttl.toMillis()))))
			.then();
	}

	@Override
	public Mono<Long> delete(List<String> keys) {
		if (keys.isEmpty()) {
			return Mono.just(0L);
		}
		String[] prefixed = keys.stream().map((key) -> PREFIX + key).toArray(String[]::new);
		return this.commands.get().flatMap((redis) -> redis.keys().unlink(prefixed));
	}

	@Override
	public Mono<Long> flush() {
		return this.commands.get()
			.flatMap((redis) -> ScanStream.scan(redis.keys(), KeyScanArgs.Builder.matches(PREFIX + "*").limit(1000))
				.buffer(FLUSH_BATCH)
				.concatMap((batch) -> redis.keys().unlink(batch.toArray(String[]::new)))
				.reduce(0L, Long::sum));
	}

	@Override
	public Mono<Boolean> ping() {
		String probe = Long.toString(System.nanoTime());
		return this.commands.get()
			.flatMap((redis) -> redis.strings()
				.set(PROBE_KEY, probe, SetArgs.Builder.ex(60))
				.then(redis.strings().get(PROBE_KEY))
				.map(probe::equals));
	}

	@Override
	public Mono<Map<String, Object>> info() {
		return this.commands.get()
			.flatMap((redis) -> Mono.zip(redis.server().clientList().defaultIfEmpty(""),
					redis.server().info().defaultIfEmpty("")))
			.map((both) -> {
				List<Map<String, String>> clients = clients(both.getT1());
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("num_clients", clients.size());
				body.put("clients", clients);
				body.put("info", info(both.getT2()));
				return body;
			});
	}

	@Override
	public String type() {
		return "redis";
	}

	/** {@code CLIENT LIST}: one client a line, {@code name=value} fields. */
	private static List<Map<String, String>> clients(String text) {
		List<Map<String, String>> clients = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			Map<String, String> client = new LinkedHashMap<>();
			for (String field : line.trim().split(" ")) {
				int equals = field.indexOf('=');
				if (equals > 0) {
					client.put(field.substring(0, equals), field.substring(equals + 1));
				}
			}
			clients.add(client);
		}
		return clients;
	}

	/** {@code INFO}: {@code name:value} lines between {@code # Section} headings. */
	private static Map<String, String> info(String text) {
		Map<String, String> info = new LinkedHashMap<>();
		for (String line : text.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (!line.startsWith("#") && colon > 0) {
				info.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		return info;
	}

	/**
	 * What the store needs of a connection, which a single Redis and a cluster both
	 * offer.
	 */
	record Commands(RedisStringReactiveCommands<String, String> strings, RedisKeyReactiveCommands<String, String> keys,
			RedisServerReactiveCommands<String, String> server) {

	}

}
