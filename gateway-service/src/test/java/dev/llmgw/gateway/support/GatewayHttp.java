package dev.llmgw.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP to a gateway started by a test with settings of its own
 * ({@link GatewayInstances}), and what tests read around a call: how many calls reached
 * the shared fake provider, and a call's spend-log row once it is written.
 */
public final class GatewayHttp {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private GatewayHttp() {
	}

	public static HttpResponse<String> post(String base, String key, String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	public static HttpResponse<String> get(String base, String key, String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + key)
			.GET()
			.build());
	}

	/**
	 * How many calls of a model (its full name, directives included) reached the fake.
	 */
	public static long fakeCalls(String model) {
		return fakeStats().path("by_model").path(model).asLong(0);
	}

	/** The fake's request counts, for a failing assertion's message too. */
	public static JsonNode fakeStats() {
		String root = FakeLlmServerProcess.shared().baseUrl().replaceAll("/v1$", "");
		return JSON.readTree(send(HttpRequest.newBuilder(URI.create(root + "/fake/stats")).build()).body());
	}

	/**
	 * The spend-log row of a call, waited for (rows are written in batches), its
	 * {@code metadata} column read as JSON.
	 */
	public static JsonNode spendLog(String base, String key, HttpResponse<String> call) {
		String callId = call.headers().firstValue("x-litellm-call-id").orElseThrow();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode rows = JSON.readTree(get(base, key, "/spend/logs?request_id=" + callId).body());
			if (rows.isArray() && !rows.isEmpty()) {
				tools.jackson.databind.node.ObjectNode row = (tools.jackson.databind.node.ObjectNode) rows.get(0);
				if (row.path("metadata").isString()) {
					row.set("metadata", JSON.readTree(row.path("metadata").asString()));
				}
				return row;
			}
			pause();
		}
		throw new AssertionError("no spend log row for " + callId);
	}

	/**
	 * Sends a request, its body read as text; a failed exchange is an unchecked error.
	 */
	public static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
