package dev.llmgw.middleware.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code model} label's values. The model id comes from the request's path, so the
 * caller chooses it: control characters become spaces and a value is cut to 256
 * characters (as the gateway's labels), and after {@link #MAX_MODELS} distinct values any
 * new one is counted as {@code other} (warned about once), so that no caller can grow the
 * registry without bound.
 */
final class ModelLabels {

	private static final Logger log = LoggerFactory.getLogger(ModelLabels.class);

	static final int MAX_MODELS = 1_000;

	static final int MAX_CHARS = 256;

	static final String OTHER = "other";

	private final Set<String> known = ConcurrentHashMap.newKeySet();

	/** Places taken in {@link #known}, claimed before adding so the bound is exact. */
	private final AtomicInteger taken = new AtomicInteger();

	private final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * @param modelId the model id as the caller gave it
	 * @return its label value
	 */
	String of(String modelId) {
		String value = clean(modelId);
		if (this.known.contains(value)) {
			return value;
		}
		int count = this.taken.get();
		while (count < MAX_MODELS) {
			if (this.taken.compareAndSet(count, count + 1)) {
				if (!this.known.add(value)) {
					// another call added the same value meanwhile: the place is not used
					this.taken.decrementAndGet();
				}
				return value;
			}
			count = this.taken.get();
		}
		if (this.warned.compareAndSet(false, true)) {
			log.warn("Metrics: more than {} model ids seen; new ones are counted as '{}'", MAX_MODELS, OTHER);
		}
		return OTHER;
	}

	static String clean(String value) {
		boolean clean = value.length() <= MAX_CHARS;
		for (int i = 0; clean && i < value.length(); i++) {
			clean = !control(value.charAt(i));
		}
		if (clean) {
			return value;
		}
		StringBuilder cleaned = new StringBuilder(Math.min(value.length(), MAX_CHARS));
		for (int i = 0; i < value.length() && cleaned.length() < MAX_CHARS; i++) {
			char c = value.charAt(i);
			cleaned.append(control(c) ? ' ' : c);
		}
		return cleaned.toString();
	}

	/** Control characters and the Unicode line and paragraph separators. */
	private static boolean control(char c) {
		return c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029';
	}

}
