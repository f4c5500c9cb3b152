package dev.llmgw.middleware.history;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the gateway unreachable, history calls on the OpenAI interface fail in OpenAI's
 * shape with a 503, not in Spring's default error shape.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HistoryWithoutGatewayTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void nowhere(DynamicPropertyRegistry registry) throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		int port = closed;
		registry.add("middleware.gateway-url", () -> "http://127.0.0.1:" + port);
		registry.add("server.address", () -> "127.0.0.1");
	}

	@Test
	void aGatewayThatCannotBeReachedIsA503InOpenAisShape() throws Exception {
		for (String[] call : new String[][] { { "/session-ids", "{}" }, { "/v1/chat/completions",
				"{\"model\": \"m\", \"enable_history\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}" } }) {
			HttpResponse<String> response = HTTP
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + call[0]))
					.header("Authorization", "Bearer sk-somebody")
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(call[1]))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(call[0] + " " + response.body()).isEqualTo(503);
			JsonNode error = JSON.readTree(response.body()).path("error");
			assertThat(error.path("message").asString()).contains("gateway");
			assertThat(error.path("code").asString()).isEqualTo("503");
		}
	}

}
