package dev.llmgw.gateway.cache;

import org.jspecify.annotations.Nullable;

/**
 * One stored answer: when it was stored (for {@code s-maxage}) and the answer's JSON,
 * written as {@code 1:<epoch millis>:<json>} so that reading the time needs no JSON
 * parse. Anything else read back (an older format, a truncated value, another program's
 * key) is no entry: a miss, never an error.
 *
 * @param storedAtMillis when it was stored
 * @param json the answer
 */
record CacheEntry(long storedAtMillis, String json) {

	private static final String VERSION = "1:";

	String encode() {
		return VERSION + this.storedAtMillis + ":" + this.json;
	}

	static @Nullable CacheEntry decode(@Nullable String value) {
		if (value == null || !value.startsWith(VERSION)) {
			return null;
		}
		int colon = value.indexOf(':', VERSION.length());
		if (colon < 0 || colon == VERSION.length() || colon - VERSION.length() > 19) {
			return null;
		}
		long storedAt = 0;
		for (int i = VERSION.length(); i < colon; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return null;
			}
			storedAt = storedAt * 10 + (c - '0');
		}
		String json = value.substring(colon + 1);
		if (json.isEmpty() || json.charAt(0) != '{' || json.charAt(json.length() - 1) != '}') {
			return null;
		}
		return new CacheEntry(storedAt, json);
	}

	/** Whether the entry is older than {@code maxAgeSeconds} at {@code nowMillis}. */
	boolean olderThan(double maxAgeSeconds, long nowMillis) {
		return nowMillis - this.storedAtMillis > maxAgeSeconds * 1000;
	}

}
