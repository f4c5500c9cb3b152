package dev.llmgw.fake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.llmgw.fake.http.Json;
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

	void countPath(String path) {
		this.requests.increment();
		counter(this.byPath, path).increment();
	}

	void countModel(String model) {
		counter(this.byModel, model).increment();
	}

	void reset() {
		this.requests.reset();
		this.byPath.clear();
		this.byModel.clear();
	}

	byte[] toJson() {
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeNumberProperty("requests", this.requests.sum());
			writeCounts(json, "by_path", this.byPath);
			writeCounts(json, "by_model", this.byModel);
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
