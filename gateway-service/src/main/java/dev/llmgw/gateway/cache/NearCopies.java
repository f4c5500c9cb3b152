package dev.llmgw.gateway.cache;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The copies {@link NearCachedStore} keeps, bounded by count and by size (characters of
 * key and value), the oldest stored out first. A hit reads them without a lock: every hit
 * on both event loops reads the same few hot keys, and a lock taken per read (as the
 * local cache's least-recently-used order needs) is contended there and costs more than
 * the round trip to Redis it saves. Writes (a copy kept, an invalidation) are rare and
 * take this object's lock.
 */
final class NearCopies {

	/** What a copy costs beyond its characters: the map's node, the copy, the strings. */
	private static final int OVERHEAD = 96;

	private final int maxEntries;

	private final long maxChars;

	private final LongSupplier clock;

	private final ConcurrentHashMap<String, Copy> copies = new ConcurrentHashMap<>();

	/**
	 * Copies in the order they were kept, oldest first; a copy since replaced or dropped
	 * stays until it reaches the head (or the queue is compacted). Guarded by this.
	 */
	private final ArrayDeque<Copy> order = new ArrayDeque<>();

	/** Guarded by this. */
	private long chars;

	NearCopies(int maxEntries, long maxChars, LongSupplier clock) {
		this.maxEntries = maxEntries;
		this.maxChars = maxChars;
		this.clock = clock;
	}

	/** The copy's value while it lives, else null. */
	@Nullable String get(String key) {
		Copy copy = this.copies.get(key);
		if (copy == null) {
			return null;
		}
		if (copy.expiresAtMillis <= this.clock.getAsLong()) {
			expire(copy);
			return null;
		}
		return copy.value;
	}

	synchronized void put(String key, String value, long ttlMillis) {
		long size = (long) key.length() + value.length() + OVERHEAD;
		if (size > this.maxChars || this.maxEntries <= 0) {
			return;
		}
		Copy copy = new Copy(key, value, this.clock.getAsLong() + ttlMillis, size);
		Copy previous = this.copies.put(key, copy);
		if (previous != null) {
			this.chars -= previous.size;
		}
		this.chars += size;
		this.order.addLast(copy);
		while (this.copies.size() > this.maxEntries || this.chars > this.maxChars) {
			Copy oldest = this.order.pollFirst();
			if (oldest == null) {
				break;
			}
			if (this.copies.remove(oldest.key, oldest)) {
				this.chars -= oldest.size;
			}
		}
		if (this.order.size() > 2 * Math.max(this.copies.size(), 16)) {
			// replaced and dropped copies have piled up in the queue: keep the live ones
			this.order.removeIf((queued) -> this.copies.get(queued.key) != queued);
		}
	}

	synchronized void drop(String key) {
		Copy removed = this.copies.remove(key);
		if (removed != null) {
			this.chars -= removed.size;
		}
	}

	/** Drops the copy unless a newer one took its place meanwhile. */
	private synchronized void expire(Copy copy) {
		if (this.copies.remove(copy.key, copy)) {
			this.chars -= copy.size;
		}
	}

	synchronized void clear() {
		this.copies.clear();
		this.order.clear();
		this.chars = 0;
	}

	synchronized Map<String, Object> describe() {
		return Map.of("entries", this.copies.size(), "max_entries", this.maxEntries, "chars", this.chars, "max_chars",
				this.maxChars);
	}

	private record Copy(String key, String value, long expiresAtMillis, long size) {

	}

}
