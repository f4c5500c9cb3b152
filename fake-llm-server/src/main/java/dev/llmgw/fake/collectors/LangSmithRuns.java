package dev.llmgw.fake.collectors;

import java.nio.charset.StandardCharsets;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * LangSmith's batch run ingestion, {@code POST /api/v1/runs/batch}, as its SDKs and
 * LiteLLM's LangSmith callback call it: the API key in {@code x-api-key} (the fake's is
 * {@code ls-test-key}), a body {@code {"post":[runs], "patch"?:[runs]}}, and a 202
 * answer. A posted run must carry a string {@code id}, {@code name} and {@code run_type};
 * a patched one updates a run already posted, so only its {@code id} is required. Each
 * accepted request is kept for {@code GET /fake/langsmith} as {@code {"headers","body"}};
 * {@code DELETE /fake/langsmith} forgets them.
 */
public final class LangSmithRuns {

	public static final String PATH = "/api/v1/runs/batch";

	public static final String CONTROL_PATH = "/fake/langsmith";

	static final String API_KEY = "ls-test-key";

	private static final byte[] ACCEPTED = "{}".getBytes(StandardCharsets.US_ASCII);

	private final JsonMapper json = JsonMapper.builder().build();

	private final ReceivedRequests received = new ReceivedRequests();

	public Mono<Void> ingest(HttpHeaders headers, byte[] body, HttpServerResponse response) {
		if (!API_KEY.equals(headers.get("x-api-key"))) {
			return detail(response, HttpResponseStatus.UNAUTHORIZED, "Invalid token");
		}
		JsonNode request;
		try {
			request = Json.read(body);
		}
		catch (JacksonException ex) {
			return detail(response, HttpResponseStatus.UNPROCESSABLE_ENTITY,
					"the body is not JSON: " + ex.getOriginalMessage());
		}
		String problem = problem(request);
		if (problem != null) {
			return detail(response, HttpResponseStatus.UNPROCESSABLE_ENTITY, problem);
		}
		this.received.add(null, headers, request);
		return Replies.json(response, HttpResponseStatus.ACCEPTED, ACCEPTED);
	}

	public Mono<Void> list(HttpServerResponse response) {
		return this.received.list(response);
	}

	public void reset() {
		this.received.reset();
	}

	/**
	 * What is wrong with a batch, or null when LangSmith would take it.
	 */
	private static @Nullable String problem(JsonNode request) {
		if (!request.isObject()) {
			return "the body must be a JSON object";
		}
		if (!request.path("post").isArray()) {
			return "post must be an array of runs";
		}
		JsonNode patch = request.path("patch");
		if (!patch.isMissingNode() && !patch.isArray()) {
			return "patch must be an array of runs";
		}
		String posted = runsProblem(request.path("post"), "post", new String[] { "id", "name", "run_type" });
		return (posted != null) ? posted : runsProblem(patch, "patch", new String[] { "id" });
	}

	private static @Nullable String runsProblem(JsonNode runs, String list, String[] required) {
		int index = 0;
		for (JsonNode run : runs) {
			if (!run.isObject()) {
				return list + "[" + index + "] must be an object";
			}
			for (String field : required) {
				if (!run.path(field).isString()) {
					return list + "[" + index + "]." + field + " must be a string";
				}
			}
			index++;
		}
		return null;
	}

	private Mono<Void> detail(HttpServerResponse response, HttpResponseStatus status, String detail) {
		ObjectNode body = this.json.createObjectNode().put("detail", detail);
		return Replies.json(response, status, this.json.writeValueAsBytes(body));
	}

}
