package dev.llmgw.middleware.passthrough;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.middleware.support.LocalStack;
import dev.llmgw.middleware.upstream.GatewayClient;
import dev.llmgw.storage.TestPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One chat call is one call id through every hop arrangement the product ships: a gateway
 * with {@code MIDDLEWARE_URL} handing the call to the middleware, which calls the gateway
 * back (the quickstart, a bare Service), and a client calling the middleware directly
 * (the load balancer's rules). The caller sees one {@code x-litellm-call-id} (the one it
 * sent, if it sent one), {@code x-litellm-version} once and no {@code Vary} value twice;
 * {@code /spend/logs} finds the call by that id; and the access logs have exactly one
 * line for it with its model, besides the front gateway's line marked as a hop.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OneCallIdIntegrationTests {

	private static final String DATABASE = TestPostgres.newDatabase();

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String FRONT = "front-call-id";

	private static @Nullable String frontUrl;

	private static String key;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("middleware.gateway-url", () -> LocalStack.shared().gatewayUrl());
		registry.add("middleware.database-url", () -> DATABASE);
		registry.add("server.address", () -> "127.0.0.1");
	}

	@BeforeAll
	static void key() throws Exception {
		key = "sk-call-id-" + UUID.randomUUID();
		createKey(LocalStack.shared().gatewayUrl());
	}

	/**
	 * The caller's key, the same on both gateways: each keeps its own database here, and
	 * the front one serves plain chat itself. Marked as the middleware's own call, since
	 * the front gateway hands {@code /key/generate} to the middleware otherwise.
	 */
	private static void createKey(String gateway) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/key/generate"))
			.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
			.header(GatewayClient.FROM_MIDDLEWARE_HEADER, "1")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"call-id-user\",\"key\":\"" + key + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	/**
	 * The gateway's base URL, handing chat that needs it to this middleware: started
	 * once, on the first call, since the middleware's port is known only then.
	 */
	private synchronized String front() throws Exception {
		if (frontUrl == null) {
			frontUrl = LocalStack.shared().anotherGateway(FRONT, Map.of("MIDDLEWARE_URL", middlewareUrl()));
			createKey(frontUrl);
		}
		return frontUrl;
	}

	private String middlewareUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	@ParameterizedTest(name = "via {0}, {1}, history {2}, stream {3}, client id {4}")
	@CsvSource({ "gateway, chat, true, false, true", "gateway, chat, true, true, true",
			"gateway, chat, true, false, false", "gateway, chat, false, false, false",
			"gateway, converse, false, false, true", "gateway, converse, false, true, false",
			"middleware, chat, true, false, true", "middleware, chat, true, true, false",
			"middleware, chat, false, false, true", "middleware, converse, false, false, false",
			"middleware, converse, false, true, true" })
	void oneCallIsOneIdEndToEnd(String entry, String api, boolean history, boolean stream, boolean sendsId)
			throws Exception {
		String base = entry.equals("gateway") ? front() : middlewareUrl();
		String sent = "client-" + UUID.randomUUID();
		HttpResponse<String> response = call(base, key, api, history, stream, sendsId ? sent : null);
		// the middleware's own Converse answer carries no gateway version; every other
		// answer carries the gateway's, once
		String id = oneCallsHeaders(response, sendsId ? sent : null,
				(entry.equals("middleware") && api.equals("converse")) ? 0 : 1);

		// plain chat that reaches the front gateway is served there in one hop; all else
		// goes through the middleware to the shared gateway
		boolean oneHop = entry.equals("gateway") && api.equals("chat") && !history;
		JsonNode rows = spendLogs(oneHop ? front() : LocalStack.shared().gatewayUrl(), id);
		assertThat(rows.size()).as("/spend/logs?request_id=" + id).isEqualTo(1);
		assertThat(rows.get(0).path("model").asString()).contains("claude");

		List<String> lines = accessLines(LocalStack.shared().log(oneHop ? FRONT : "gateway"), id, 1);
		assertThat(lines).as("the serving gateway's line").hasSize(1);
		assertThat(lines.get(0)).contains("model=claude").doesNotContain("hop=");
		if (oneHop) {
			assertThat(accessLines(LocalStack.shared().log("gateway"), id, 0)).as("no second gateway").isEmpty();
		}
		else if (entry.equals("gateway")) {
			List<String> hop = accessLines(LocalStack.shared().log(FRONT), id, 1);
			assertThat(hop).as("the front gateway's line, a hop").hasSize(1);
			assertThat(hop.get(0)).contains("hop=middleware").doesNotContain("model=");
		}
	}

	/**
	 * A chat or Converse call, as a client (with history, streamed, with its own id)
	 * makes it.
	 */
	static HttpResponse<String> call(String base, String key, String api, boolean history, boolean stream,
			@Nullable String callId) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(base + (api.equals("chat") ? "/v1/chat/completions"
					: "/bedrock/model/claude/" + (stream ? "converse-stream" : "converse"))))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.header("Origin", "https://chat.example.com")
			.POST(HttpRequest.BodyPublishers.ofString(api.equals("chat")
					? "{\"model\":\"claude\",\"stream\":" + stream + ((history) ? ",\"enable_history\":true" : "")
							+ ",\"messages\":[{\"role\":\"user\",\"content\":\"one call\"}]}"
					: "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"one call\"}]}]}"));
		if (callId != null) {
			request.header("x-litellm-call-id", callId);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		if (history) {
			assertThat(response.headers().firstValue("X-Session-Id")).as("the call went through history").isPresent();
		}
		return response;
	}

	/**
	 * Asserts the answer's headers are those of one call: one call id (the caller's, if
	 * it sent one), the version as often as expected, no Vary value twice.
	 * @return the call id
	 */
	static String oneCallsHeaders(HttpResponse<String> response, @Nullable String sent, int versions) {
		List<String> ids = response.headers().allValues("x-litellm-call-id");
		assertThat(ids).as("one call id").hasSize(1);
		String id = ids.get(0);
		if (sent != null) {
			assertThat(id).as("the caller's own id").isEqualTo(sent);
		}
		assertThat(response.headers().allValues("x-litellm-version")).hasSize(versions);
		List<String> vary = response.headers()
			.allValues("vary")
			.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map((name) -> name.trim().toLowerCase(Locale.ROOT))
			.toList();
		assertThat(vary).as("Vary names each header once").isNotEmpty().doesNotHaveDuplicates();
		return id;
	}

	static JsonNode spendLogs(String gateway, String id) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		JsonNode rows;
		do {
			HttpResponse<String> response = HTTP
				.send(HttpRequest.newBuilder(URI.create(gateway + "/spend/logs?request_id=" + id))
					.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			rows = JSON.readTree(response.body());
			if (!rows.isEmpty()) {
				return rows;
			}
			Thread.sleep(200);
		}
		while (System.nanoTime() < deadline);
		return rows;
	}

	/**
	 * The access lines of one call in a gateway's log, once at least {@code expected} are
	 * there (the line is written when the exchange ends, just after the answer), plus a
	 * moment for any further line that should not be there.
	 */
	static List<String> accessLines(Path log, String id, int expected) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<String> lines = read(log, id);
		while (lines.size() < expected && System.nanoTime() < deadline) {
			Thread.sleep(100);
			lines = read(log, id);
		}
		Thread.sleep(300);
		return read(log, id);
	}

	static List<String> read(Path log, String id) throws IOException {
		return Files.readAllLines(log)
			.stream()
			.filter((line) -> line.contains(" ACCESS ") && line.contains("call_id=" + id + " "))
			.toList();
	}

}
