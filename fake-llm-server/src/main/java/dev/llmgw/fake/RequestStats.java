package dev.llmgw.fake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.llmgw.fake.http.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Counts the provider requests that reached the fake, so that router and retry tests can
 * see how many calls got through. Lock-free, since every request of a load test passes
 * here.
 */
final class RequestStats {

	private final LongAdder requests = new LongAdder();

	private final ConcurrentHashMap<String, LongAdder> byPath = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, LongAdder> byModel = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, LongAdder> byAccessKey = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, LongAdder> byTraceparent = new ConcurrentHashMap<>();

	/**
	 * Calls of each model being answered right now, and the most there ever were at once.
	 */
	private final ConcurrentHashMap<String, long[]> inFlight = new ConcurrentHashMap<>();

	void countPath(String path) {
		this.requests.increment();
		counter(this.byPath, path).increment();
	}

	void countModel(String model) {
		counter(this.byModel, model).increment();
	}

	/**
	 * Counts the access key id that signed an AWS request (SigV4's {@code Credential=}),
	 * so a test can tell which credentials the gateway used.
	 */
	void countAccessKey(@Nullable String authorization) {
		if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256")) {
			return;
		}
		int start = authorization.indexOf("Credential=");
		int end = (start < 0) ? -1 : authorization.indexOf('/', start);
		if (end > 0) {
			counter(this.byAccessKey, authorization.substring(start + "Credential=".length(), end)).increment();
		}
	}

	/**
	 * Counts the W3C {@code traceparent} a provider request carried, so a test can see
	 * that the gateway passed its trace on (and under which span).
	 */
	void countTraceparent(@Nullable String traceparent) {
		if (traceparent != null && traceparent.length() <= 64) {
			counter(this.byTraceparent, traceparent).increment();
		}
	}

	/**
	 * A call of this model starts being answered: lets a test see how many calls a
	 * concurrency limit let through at once.
	 */
	void enter(String model) {
		this.inFlight.compute(model, (key, counts) -> {
			long[] updated = (counts != null) ? counts : new long[2];
			updated[0]++;
			updated[1] = Math.max(updated[1], updated[0]);
			return updated;
		});
	}

	void exit(String model) {
		this.inFlight.computeIfPresent(model, (key, counts) -> {
			counts[0]--;
			return counts;
		});
	}

	void reset() {
		this.requests.reset();
		this.byPath.clear();
		this.byModel.clear();
		this.byAccessKey.clear();
		this.byTraceparent.clear();
		this.inFlight.clear();
	}

	byte[] toJson() {
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeNumberProperty("requests", this.requests.sum());
			writeCounts(json, "by_path", this.byPath);
			writeCounts(json, "by_model", this.byModel);
			writeCounts(json, "by_access_key", this.byAccessKey);
			writeCounts(json, "by_traceparent", this.byTraceparent);
			json.writeObjectPropertyStart("max_in_flight_by_model");
			this.inFlight.forEach((model, counts) -> json.writeNumberProperty(model, counts[1]));
			json.writeEndObject();
			json.writeEndObject();
		});
	}

	private static void writeCounts(JsonGenerator json, String name, Map<String, LongAdder> counts) {
		json.writeObjectPropertyStart(name);
		counts.forEach((key, count) -> json.writeNumberProperty(key, count.sum()));
		json.writeEndObject();
	}

	private static LongAdder counter(ConcurrentHashMap<String, LongAdder> counters, String key) {
		// get first: computeIfAbsent may lock the bin even when the key is present
		LongAdder counter = counters.get(key);
		return (counter != null) ? counter : counters.computeIfAbsent(key, (k) -> new LongAdder());
	}

}
