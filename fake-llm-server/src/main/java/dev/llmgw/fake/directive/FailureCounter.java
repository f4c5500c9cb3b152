package dev.llmgw.fake.directive;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Counts requests per fail key so that {@code fail_times=N} fails only the first N of
 * them, which is what retry and fallback tests need.
 */
public final class FailureCounter {

	private final ConcurrentHashMap<String, AtomicLong> requestsByKey = new ConcurrentHashMap<>();

	/**
	 * The error this request should get, counting it when {@code fail_times} is set.
	 * @param defaultKey the key to count under when the request names none (the model
	 * string)
	 * @return the error, or null when the request should succeed
	 */
	public @Nullable FakeError errorFor(Directives directives, String defaultKey) {
		FakeError error = directives.error();
		if (error == null || directives.failTimes() <= 0) {
			return error;
		}
		String key = (directives.failKey() != null) ? directives.failKey() : defaultKey;
		AtomicLong requests = this.requestsByKey.computeIfAbsent(key, (k) -> new AtomicLong());
		return (requests.incrementAndGet() <= directives.failTimes()) ? error : null;
	}

	public void reset() {
		this.requestsByKey.clear();
	}

}
