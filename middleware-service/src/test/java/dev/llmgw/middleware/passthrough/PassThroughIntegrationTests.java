package dev.llmgw.middleware.passthrough;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.llmgw.middleware.support.LocalStack;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The middleware's OpenAI and admin paths reach the real gateway and come back unchanged:
 * status, the gateway's headers, bodies, streams to their {@code [DONE]}, and errors.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PassThroughIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("middleware.gateway-url", () -> LocalStack.shared().gatewayUrl());
		registry.add("server.address", () -> "127.0.0.1");
	}

	@Test
	void chatCompletionsPassThroughWithTheGatewaysHeaders() throws Exception {
		for (String path : new String[] { "/v1/chat/completions", "/chat/completions" }) {
			HttpResponse<String> response = post(path, chat("claude", "through the middleware", false));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.body()).contains("You said: through the middleware");
			assertThat(response.headers().firstValue("x-litellm-model-id")).isPresent();
			assertThat(response.headers().firstValue("x-litellm-call-id")).isPresent();
		}
	}

	@Test
	void streamsPassThroughToTheirDone() throws Exception {
		HttpResponse<String> response = post("/v1/chat/completions", chat("claude", "stream me", true));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.body()).contains("chat.completion.chunk").contains("me").endsWith("data: [DONE]\n\n");
	}

	/**
	 * Each chunk reaches the caller as the gateway sends it: the first of a stream whose
	 * chunks come 1.5 s apart arrives long before the second is sent.
	 */
	@Test
	void eachChunkIsPassedOnWhenItArrives() throws Exception {
		long start = System.nanoTime();
		HttpResponse<java.io.InputStream> response = HTTP.send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
			.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(chat("trickle", "slowly", true)))
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		try (java.io.BufferedReader lines = new java.io.BufferedReader(
				new java.io.InputStreamReader(response.body(), java.nio.charset.StandardCharsets.UTF_8))) {
			String first = lines.readLine();
			long firstMillis = (System.nanoTime() - start) / 1_000_000;
			assertThat(first).startsWith("data: ");
			assertThat(firstMillis).as("the first chunk, before the second was sent").isLessThan(1200);
			String line;
			String last = first;
			while ((line = lines.readLine()) != null) {
				last = line.isEmpty() ? last : line;
			}
			assertThat(last).isEqualTo("data: [DONE]");
		}
	}

	@Test
	void errorsPassThroughWithTheirStatusAndBody() throws Exception {
		HttpResponse<String> limited = post("/v1/chat/completions", chat("throttled", "x", false));
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("retry-after")).hasValue("2");
		assertThat(limited.body()).contains("\"error\"").contains("RateLimitError");
		HttpResponse<String> unauthorized = send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
			.header("Authorization", "Bearer sk-not-a-key-000000")
			.POST(HttpRequest.BodyPublishers.ofString(chat("claude", "x", false)))
			.build());
		assertThat(unauthorized.statusCode()).isEqualTo(401);
	}

	@Test
	void theLoadBalancersProbeSaysTheGatewayIsConnected() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/bedrock/health/liveliness")).build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"status\":\"healthy\",\"gateway\":\"connected\"}");
	}

	@Test
	void keyGenerationPassesThrough() throws Exception {
		HttpResponse<String> response = post("/key/generate", "{\"models\":[\"claude\"]}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"key\":\"sk-");
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static String chat(String model, String text, boolean stream) {
		return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
				+ text + "\"}]}";
	}

}
