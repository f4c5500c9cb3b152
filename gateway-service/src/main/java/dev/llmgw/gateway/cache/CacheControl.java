package dev.llmgw.gateway.cache;

import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import org.jspecify.annotations.Nullable;

/**
 * A request's own cache controls: the body's top-level {@code cache} object (the SDKs'
 * {@code extra_body}), with LiteLLM's names. Keys it does not know are ignored, as
 * LiteLLM ignores them; a known key with a wrong value is a 400 naming it, where LiteLLM
 * would quietly cache anyway.
 *
 * @param noCache {@code no-cache}: do not look up (the answer is still stored)
 * @param noStore {@code no-store}: do not store the answer
 * @param ttlSeconds {@code ttl}: how long this answer is kept
 * @param maxAgeSeconds {@code s-maxage} (or {@code s-max-age}): accept only an entry
 * younger than this
 * @param namespace {@code namespace}: this call's keys live under it
 * @param useCache {@code use-cache}: cache this call although the cache is
 * {@code default_off}
 */
record CacheControl(boolean noCache, boolean noStore, @Nullable Double ttlSeconds, @Nullable Double maxAgeSeconds,
		@Nullable String namespace, boolean useCache) {

	static final CacheControl NONE = new CacheControl(false, false, null, null, null, false);

	/** The longest namespace accepted: it becomes part of every key. */
	static final int MAX_NAMESPACE_CHARS = 256;

	/** The longest TTL accepted, a year: beyond it a typo more likely than intent. */
	static final double MAX_TTL_SECONDS = 365 * 24 * 3600.0;

	/** The same controls, storing nothing. */
	CacheControl withoutStore() {
		return new CacheControl(this.noCache, true, this.ttlSeconds, this.maxAgeSeconds, this.namespace, this.useCache);
	}

	/**
	 * @param value the body's {@code cache} field
	 * @throws BadRequestError when a control has the wrong type or an impossible value
	 */
	static CacheControl of(@Nullable Object value) {
		if (value == null) {
			return NONE;
		}
		if (!(value instanceof Map<?, ?> fields)) {
			throw invalid("cache", "must be an object such as {\"no-cache\": true}");
		}
		Double maxAge = seconds(fields, "s-max-age", true);
		if (maxAge == null) {
			maxAge = seconds(fields, "s-maxage", true);
		}
		return new CacheControl(flag(fields, "no-cache"), flag(fields, "no-store"), seconds(fields, "ttl", false),
				maxAge, namespace(fields.get("namespace")), flag(fields, "use-cache"));
	}

	private static boolean flag(Map<?, ?> fields, String name) {
		Object value = fields.get(name);
		if (value == null) {
			return false;
		}
		if (!(value instanceof Boolean flag)) {
			throw invalid("cache." + name, "must be true or false");
		}
		return flag;
	}

	private static @Nullable Double seconds(Map<?, ?> fields, String name, boolean zeroAllowed) {
		Object value = fields.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
			throw invalid("cache." + name, "must be a number of seconds");
		}
		double seconds = number.doubleValue();
		if (seconds < 0 || (seconds == 0 && !zeroAllowed)) {
			throw invalid("cache." + name,
					zeroAllowed ? "must not be negative" : "must be a positive number of seconds");
		}
		if (seconds > MAX_TTL_SECONDS) {
			throw invalid("cache." + name, "must be at most " + (long) MAX_TTL_SECONDS + " seconds (a year)");
		}
		return seconds;
	}

	private static @Nullable String namespace(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text) || text.isBlank()) {
			throw invalid("cache.namespace", "must be a non-empty string");
		}
		if (text.length() > MAX_NAMESPACE_CHARS) {
			throw invalid("cache.namespace", "must be at most " + MAX_NAMESPACE_CHARS + " characters");
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				throw invalid("cache.namespace", "must not hold control characters");
			}
		}
		return text;
	}

	private static BadRequestError invalid(String field, String rule) {
		return new BadRequestError("Invalid cache control: '" + field + "' " + rule, null, field);
	}

}
