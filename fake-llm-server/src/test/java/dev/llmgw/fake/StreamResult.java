package dev.llmgw.fake;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * What a client saw of an event stream.
 *
 * @param response the response, for status and headers
 * @param data the {@code data:} payloads in order, {@code [DONE]} included
 * @param events the {@code event:} names in order, for the providers that name events
 * @param complete whether the stream ended cleanly rather than by a dropped connection
 */
public record StreamResult(HttpResponse<Stream<String>> response, List<String> data, List<String> events,
		boolean complete) {

	/**
	 * The JSON chunks, without the {@code [DONE]} marker.
	 */
	public List<JsonNode> chunks() {
		return this.data.stream().filter((payload) -> !payload.equals("[DONE]")).map(TestServer::json).toList();
	}

}
