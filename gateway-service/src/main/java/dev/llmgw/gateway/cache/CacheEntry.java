package dev.llmgw.gateway.cache;

import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;

/**
 * One stored answer: when it was stored (for {@code s-maxage}), the tokens it was
 * answered with, and its JSON, written as
 * {@code 1:<epoch millis>:<prompt tokens>:<completion tokens>:<length>:<json>} so that a
 * hit is served without parsing its JSON, and a value cut short is told from a whole one.
 * Anything else read back (an older format, a truncated value, another program's key) is
 * no entry: a miss, never an error.
 *
 * @param storedAtMillis when it was stored
 * @param promptTokens the prompt's tokens
 * @param completionTokens the answer's tokens
 * @param json the answer
 */
record CacheEntry(long storedAtMillis, long promptTokens, long completionTokens, String json) {

	private static final String VERSION = "1:";

	/** The most digits a field may have: a long. */
	private static final int MAX_DIGITS = 18;

	String encode() {
		return VERSION + this.storedAtMillis + ":" + this.promptTokens + ":" + this.completionTokens + ":"
				+ this.json.length() + ":" + this.json;
	}

	Usage usage() {
		return Usage.of(this.promptTokens, this.completionTokens);
	}

	static @Nullable CacheEntry decode(@Nullable String value) {
		if (value == null || !value.startsWith(VERSION)) {
			return null;
		}
		long[] fields = new long[4];
		int at = VERSION.length();
		for (int f = 0; f < fields.length; f++) {
			int colon = value.indexOf(':', at);
			if (colon <= at || colon - at > MAX_DIGITS) {
				return null;
			}
			long number = 0;
			for (int i = at; i < colon; i++) {
				char c = value.charAt(i);
				if (c < '0' || c > '9') {
					return null;
				}
				number = number * 10 + (c - '0');
			}
			fields[f] = number;
			at = colon + 1;
		}
		String json = value.substring(at);
		if (json.length() != fields[3] || json.isEmpty() || json.charAt(0) != '{'
				|| json.charAt(json.length() - 1) != '}') {
			return null;
		}
		return new CacheEntry(fields[0], fields[1], fields[2], json);
	}

	/** Whether the entry is older than {@code maxAgeSeconds} at {@code nowMillis}. */
	boolean olderThan(double maxAgeSeconds, long nowMillis) {
		return nowMillis - this.storedAtMillis > maxAgeSeconds * 1000;
	}

}
