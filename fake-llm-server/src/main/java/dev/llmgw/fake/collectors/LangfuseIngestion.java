package dev.llmgw.fake.collectors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Langfuse's batch ingestion, {@code POST /api/public/ingestion}
 * (https://api.reference.langfuse.com/#tag/ingestion), as its SDKs and LiteLLM's Langfuse
 * callback call it: Basic auth with the project's public and secret keys (the fake's are
 * {@code pk-lf-test} and {@code sk-lf-test}), a body {@code {"batch":[events],
 * "metadata"?}} whose events each carry a string {@code id}, {@code timestamp} and
 * {@code type} and an object {@code body}, and a 207 answer with a success per event.
 * Each accepted request is kept for {@code GET /fake/langfuse} as
 * {@code {"headers","body"}}; {@code DELETE /fake/langfuse} forgets them.
 */
public final class LangfuseIngestion {

	public static final String PATH = "/api/public/ingestion";

	public static final String CONTROL_PATH = "/fake/langfuse";

	static final String PUBLIC_KEY = "pk-lf-test";

	static final String SECRET_KEY = "sk-lf-test";

	private static final String BASIC = "Basic ";

	private final JsonMapper json = JsonMapper.builder().build();

	private final ReceivedRequests received = new ReceivedRequests();

	public Mono<Void> ingest(HttpHeaders headers, byte[] body, HttpServerResponse response) {
		if (!authorized(headers.get(HttpHeaderNames.AUTHORIZATION))) {
			return message(response, HttpResponseStatus.UNAUTHORIZED, "Invalid credentials");
		}
		JsonNode request;
		try {
			request = Json.read(body);
		}
		catch (JacksonException ex) {
			return message(response, HttpResponseStatus.BAD_REQUEST,
					"Invalid request data: the body is not JSON: " + ex.getOriginalMessage());
		}
		String problem = problem(request);
		if (problem != null) {
			return message(response, HttpResponseStatus.BAD_REQUEST, "Invalid request data: " + problem);
		}
		this.received.add(null, headers, request);
		ObjectNode reply = this.json.createObjectNode();
		ArrayNode successes = reply.putArray("successes");
		for (JsonNode event : request.path("batch")) {
			successes.addObject().put("id", event.path("id").asString()).put("status", 201);
		}
		reply.putArray("errors");
		return Replies.json(response, HttpResponseStatus.MULTI_STATUS, this.json.writeValueAsBytes(reply));
	}

	public Mono<Void> list(HttpServerResponse response) {
		return this.received.list(response);
	}

	public void reset() {
		this.received.reset();
	}

	private static boolean authorized(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return false;
		}
		try {
			String credentials = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
					StandardCharsets.UTF_8);
			return credentials.equals(PUBLIC_KEY + ":" + SECRET_KEY);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * What is wrong with an ingestion body, or null when Langfuse would take it whole.
	 */
	private static @Nullable String problem(JsonNode request) {
		if (!request.isObject()) {
			return "the body must be a JSON object";
		}
		if (!request.path("batch").isArray()) {
			return "batch must be an array";
		}
		JsonNode metadata = request.path("metadata");
		if (!metadata.isMissingNode() && !metadata.isNull() && !metadata.isObject()) {
			return "metadata must be an object";
		}
		int index = 0;
		for (JsonNode event : request.path("batch")) {
			if (!event.isObject()) {
				return "batch[" + index + "] must be an object";
			}
			for (String field : new String[] { "id", "timestamp", "type" }) {
				if (!event.path(field).isString()) {
					return "batch[" + index + "]." + field + " must be a string";
				}
			}
			if (!event.path("body").isObject()) {
				return "batch[" + index + "].body must be an object";
			}
			index++;
		}
		return null;
	}

	private Mono<Void> message(HttpServerResponse response, HttpResponseStatus status, String message) {
		ObjectNode body = this.json.createObjectNode().put("message", message);
		return Replies.json(response, status, this.json.writeValueAsBytes(body));
	}

}
