package dev.llmgw.gateway.cache;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@code type: local}: entries in this process, bounded by count and by size (characters
 * of key and value, about bytes for the ASCII of JSON), least recently used out first,
 * each dropped when its TTL has passed. Each instance has its own: behind a load
 * balancer, a repeated question hits only on the instance that answered it, which is why
 * LiteLLM's deployments use Redis.
 */
final class LocalCacheStore implements CacheStore {

	/**
	 * What an entry costs beyond its characters: the map's node, the entry, the strings.
	 */
	private static final int ENTRY_OVERHEAD = 96;

	private final int maxEntries;

	private final long maxChars;

	private final LongSupplier clock;

	/** Access-ordered: the first entry is the least recently used. Guarded by itself. */
	private final LinkedHashMap<String, Stored> entries = new LinkedHashMap<>(64, 0.75f, true);

	private long chars;

	/**
	 * @param maxEntries how many entries at most
	 * @param maxChars how many characters of keys and values at most
	 * @param clock milliseconds, for expiry
	 */
	LocalCacheStore(int maxEntries, long maxChars, LongSupplier clock) {
		this.maxEntries = maxEntries;
		this.maxChars = maxChars;
		this.clock = clock;
	}

	@Override
	public Mono<String> get(String key) {
		return Mono.fromSupplier(() -> held(key));
	}

	/** Answered from memory at once: there is nothing to wait for. */
	@Override
	public @Nullable String held(String key) {
		synchronized (this.entries) {
			Stored stored = this.entries.get(key);
			if (stored == null) {
				return null;
			}
			if (stored.expiresAtMillis <= this.clock.getAsLong()) {
				remove(key);
				return null;
			}
			return stored.value;
		}
	}

	@Override
	public Mono<Void> put(String key, String value, Duration ttl) {
		return Mono.fromRunnable(() -> {
			long size = size(key, value);
			if (size > this.maxChars) {
				return;
			}
			long expiresAt = this.clock.getAsLong() + ttl.toMillis();
			synchronized (this.entries) {
				remove(key);
				this.entries.put(key, new Stored(value, expiresAt, size));
				this.chars += size;
				evict();
			}
		});
	}

	@Override
	public Mono<Long> delete(List<String> keys) {
		return Mono.fromSupplier(() -> {
			long removed = 0;
			synchronized (this.entries) {
				for (String key : keys) {
					removed += remove(key) ? 1 : 0;
				}
			}
			return removed;
		});
	}

	@Override
	public Mono<Long> flush() {
		return Mono.fromSupplier(() -> {
			synchronized (this.entries) {
				long removed = this.entries.size();
				this.entries.clear();
				this.chars = 0;
				return removed;
			}
		});
	}

	@Override
	public Mono<Boolean> ping() {
		return Mono.just(true);
	}

	@Override
	public Mono<Map<String, Object>> info() {
		return Mono.fromSupplier(() -> {
			synchronized (this.entries) {
				return Map.of("entries", this.entries.size(), "max_entries", this.maxEntries, "chars", this.chars,
						"max_chars", this.maxChars);
			}
		});
	}

	@Override
	public String type() {
		return "local";
	}

	int size() {
		synchronized (this.entries) {
			return this.entries.size();
		}
	}

	/**
	 * The least recently used out until both bounds hold (an expired entry is dropped
	 * when it is next read, or when it becomes the oldest).
	 */
	private void evict() {
		Iterator<Map.Entry<String, Stored>> oldest = this.entries.entrySet().iterator();
		while ((this.entries.size() > this.maxEntries || this.chars > this.maxChars) && oldest.hasNext()) {
			this.chars -= oldest.next().getValue().size;
			oldest.remove();
		}
	}

	private boolean remove(String key) {
		Stored stored = this.entries.remove(key);
		if (stored == null) {
			return false;
		}
		this.chars -= stored.size;
		return true;
	}

	private static long size(String key, String value) {
		return (long) key.length() + value.length() + ENTRY_OVERHEAD;
	}

	private record Stored(String value, long expiresAtMillis, long size) {

	}

}
