package dev.llmgw.middleware.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.llmgw.middleware.support.LocalStack;
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
 * A body over the per-request limit is refused with 413 in the protocol of its route:
 * OpenAI's error shape on the pass-through, Bedrock's ({@code ValidationException}) on
 * Converse, whether it declares its length or is chunked; and bodies within the limit
 * still pass.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "middleware.max-request-size-mb=1")
class RequestBodyLimitTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("middleware.gateway-url", () -> LocalStack.shared().gatewayUrl());
		registry.add("server.address", () -> "127.0.0.1");
	}

	@Test
	void anOversizedChatIsA413InOpenAiShape() throws Exception {
		byte[] body = ("{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(1_100_000)
				+ "\"}]}")
			.getBytes(StandardCharsets.US_ASCII);
		HttpResponse<String> response = post("/v1/chat/completions", HttpRequest.BodyPublishers.ofByteArray(body));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		JsonNode error = JSON.readTree(response.body()).path("error");
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(error.path("code").asString()).isEqualTo("413");
		assertThat(error.path("message").asString()).contains("MIDDLEWARE_MAX_REQUEST_SIZE_MB");
	}

	@Test
	void anOversizedChunkedConverseIsA413InBedrockShape() throws Exception {
		byte[] body = ("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + "x".repeat(1_100_000)
				+ "\"}]}]}")
			.getBytes(StandardCharsets.US_ASCII);
		HttpResponse<String> response = post("/bedrock/model/claude/converse",
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ValidationException");
		assertThat(JSON.readTree(response.body()).path("message").asString())
			.contains("MIDDLEWARE_MAX_REQUEST_SIZE_MB");
	}

	@Test
	void bodiesWithinTheLimitPass() throws Exception {
		HttpResponse<String> response = post("/bedrock/model/claude/converse", HttpRequest.BodyPublishers
			.ofString("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + "x".repeat(500_000) + "\"}]}]}"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(body)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
