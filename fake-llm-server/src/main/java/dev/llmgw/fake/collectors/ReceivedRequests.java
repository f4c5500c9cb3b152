package dev.llmgw.fake.collectors;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one collector received, in order, each as {@code {"headers","body"}} (and the
 * {@code "path"} first for a collector that takes any path), for its
 * {@code GET /fake/...} to answer as a JSON array.
 */
final class ReceivedRequests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final Queue<ObjectNode> received = new ConcurrentLinkedQueue<>();

	/**
	 * Keeps a request: every header, by lower-case name (repeated ones joined with
	 * {@code ", "}), so a test can check the auth and content type a callback sent.
	 * @param path the request's path, for a collector that takes any path; else null
	 */
	void add(@Nullable String path, HttpHeaders headers, JsonNode body) {
		ObjectNode entry = this.json.createObjectNode();
		if (path != null) {
			entry.put("path", path);
		}
		ObjectNode names = entry.putObject("headers");
		for (Map.Entry<String, String> header : headers) {
			String name = header.getKey().toLowerCase(Locale.ROOT);
			JsonNode earlier = names.get(name);
			names.put(name, (earlier == null) ? header.getValue() : earlier.asString() + ", " + header.getValue());
		}
		entry.set("body", body);
		this.received.add(entry);
	}

	Mono<Void> list(HttpServerResponse response) {
		ArrayNode all = this.json.createArrayNode();
		this.received.forEach(all::add);
		return response.status(HttpResponseStatus.OK)
			.header("Content-Type", "application/json")
			.sendByteArray(Mono.just(this.json.writeValueAsBytes(all)))
			.then();
	}

	void reset() {
		this.received.clear();
	}

}
