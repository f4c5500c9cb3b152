package dev.llmgw.gateway.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * What each key has spent through this instance since its cached data was read from the
 * database, so that {@code x-litellm-key-spend} is current without a read: the cached
 * spend plus this. LiteLLM bumps its cached key spend the same way; other instances'
 * calls show once the cache reloads.
 */
public final class KeySpendTracker {

	private final Map<String, DoubleAdder> added = new ConcurrentHashMap<>();

	public void add(String keyHash, double cost) {
		if (cost != 0) {
			this.added.computeIfAbsent(keyHash, (key) -> new DoubleAdder()).add(cost);
		}
	}

	/**
	 * Called when the key's data is read from the database, which then holds everything
	 * flushed so far.
	 */
	void reset(String keyHash) {
		this.added.remove(keyHash);
	}

	/**
	 * The key's spend: what the database showed when cached, plus what this instance
	 * added since.
	 */
	public double current(String keyHash, double cachedSpend) {
		DoubleAdder since = this.added.get(keyHash);
		return cachedSpend + ((since != null) ? since.sum() : 0);
	}

}
