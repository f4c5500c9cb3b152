package dev.llmgw.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP calls to a gateway as an admin script makes them: JSON in, status and JSON
 * out.
 */
public final class AdminClient {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	public AdminClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * A call with the caller's key, or with none when {@code key} is null.
	 */
	public Reply post(String path, String key, Object body) {
		return send(authorized(HttpRequest.newBuilder(URI.create(this.baseUrl + path)), key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString((body instanceof String text) ? text : JSON.writeValueAsString(body))));
	}

	/**
	 * A call with the caller's key, or with none when {@code key} is null.
	 */
	/**
	 * A call with a JSON body and any method (LiteLLM's PATCH and DELETE routes take
	 * one).
	 */
	public Reply send(String method, String path, String key, Object body) {
		return send(authorized(HttpRequest.newBuilder(URI.create(this.baseUrl + path)), key)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers
				.ofString((body instanceof String text) ? text : JSON.writeValueAsString(body))));
	}

	public Reply get(String path, String key) {
		return send(authorized(HttpRequest.newBuilder(URI.create(this.baseUrl + path)), key).GET());
	}

	private static HttpRequest.Builder authorized(HttpRequest.Builder request, String key) {
		return (key != null) ? request.header("Authorization", "Bearer " + key) : request;
	}

	public Reply chat(String key, String model) {
		return post("/v1/chat/completions", key,
				Map.of("model", model, "messages", java.util.List.of(Map.of("role", "user", "content", "hi"))));
	}

	private static Reply send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body());
		}
		catch (java.net.http.HttpTimeoutException ex) {
			ThreadDump.print("request timed out: " + ex.getMessage());
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One response.
	 *
	 * @param status its status
	 * @param body its body
	 */
	public record Reply(int status, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String text(String pointer) {
			return json().at(pointer).asString();
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
