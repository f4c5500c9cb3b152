package dev.llmgw.middleware.passthrough;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.middleware.support.LocalStack;
import dev.llmgw.storage.TestPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart's arrangement: ONE gateway, with {@code MIDDLEWARE_URL}, serves plain
 * chat itself (one line, the call's) and hands chat with history and Converse to the
 * middleware, which calls that same gateway back. Its log then holds both lines of such a
 * call under one id: exactly one with the model, and one marked as the hop. The
 * middleware's port is chosen before it starts, since the gateway must know it first.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class QuickstartCallIdIntegrationTests {

	private static final int PORT = freePort();

	private static final String DATABASE = TestPostgres.newDatabase();

	private static final String NAME = "quickstart-call-id";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static @Nullable String gateway;

	private static @Nullable String key;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("server.address", () -> "127.0.0.1");
		registry.add("middleware.gateway-url", QuickstartCallIdIntegrationTests::gateway);
		registry.add("middleware.database-url", () -> DATABASE);
	}

	private static synchronized String gateway() {
		if (gateway == null) {
			gateway = LocalStack.shared().anotherGateway(NAME, Map.of("MIDDLEWARE_URL", "http://127.0.0.1:" + PORT));
		}
		return gateway;
	}

	/** A key of this gateway's own (its database is its own). */
	private static synchronized String key() throws Exception {
		if (key == null) {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway() + "/key/generate"))
				.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"quickstart-user\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			key = JSON.readTree(response.body()).path("key").asString();
		}
		return key;
	}

	@ParameterizedTest(name = "{0}, history {1}, stream {2}, client id {3}")
	@CsvSource({ "chat, true, false, true", "chat, true, true, false", "chat, false, false, false",
			"converse, false, true, true" })
	void oneCallIsOneIdThroughTheSameGateway(String api, boolean history, boolean stream, boolean sendsId)
			throws Exception {
		String sent = "quickstart-" + UUID.randomUUID();
		HttpResponse<String> response = OneCallIdIntegrationTests.call(gateway(), key(), api, history, stream,
				sendsId ? sent : null);
		String id = OneCallIdIntegrationTests.oneCallsHeaders(response, sendsId ? sent : null, 1);

		JsonNode rows = OneCallIdIntegrationTests.spendLogs(gateway(), id);
		assertThat(rows.size()).as("/spend/logs?request_id=" + id).isEqualTo(1);

		Path log = LocalStack.shared().log(NAME);
		boolean oneHop = api.equals("chat") && !history;
		List<String> lines = OneCallIdIntegrationTests.accessLines(log, id, oneHop ? 1 : 2);
		assertThat(lines).as(oneHop ? "the call's line alone" : "the hop's line and the call's")
			.hasSize(oneHop ? 1 : 2);
		assertThat(lines.stream().filter((line) -> !line.contains("hop=middleware"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("model=claude"));
		assertThat(lines.stream().filter((line) -> line.contains("hop=middleware"))).hasSize(oneHop ? 0 : 1);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
