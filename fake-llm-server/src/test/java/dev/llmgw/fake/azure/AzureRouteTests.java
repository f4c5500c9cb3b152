package dev.llmgw.fake.azure;

import java.net.http.HttpResponse;
import java.util.List;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AzureRouteTests {

	private static final String VERSION = "?api-version=2024-10-21";

	private static final String CHAT = "{\"model\":\"ignored\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]%s}";

	private static TestServer server;

	@BeforeAll
	static void start() {
		server = TestServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theDeploymentNamesTheModel() {
		JsonNode body = ok(
				server.post("/openai/deployments/gpt4o-prod/chat/completions" + VERSION, CHAT.formatted("")));
		assertThat(body.path("model").asString()).isEqualTo("gpt4o-prod");
		assertThat(body.path("choices").get(0).path("message").path("content").asString()).isEqualTo("You said: hi");
	}

	@Test
	void readsDirectivesFromThePercentEncodedDeployment() {
		JsonNode body = ok(server.post("/openai/deployments/gpt4o%3Breply%3DFrom%20Azure/chat/completions" + VERSION,
				CHAT.formatted("")));
		assertThat(body.path("model").asString()).isEqualTo("gpt4o");
		assertThat(body.path("choices").get(0).path("message").path("content").asString()).isEqualTo("From Azure");
	}

	@Test
	void streams() throws Exception {
		List<JsonNode> chunks = server
			.stream("/openai/deployments/d;chunks=1/chat/completions" + VERSION, CHAT.formatted(",\"stream\":true"))
			.chunks();
		assertThat(chunks).hasSize(3);
		assertThat(chunks.get(1).path("choices").get(0).path("delta").path("content").asString())
			.isEqualTo("You said: hi");
	}

	@Test
	void requiresTheApiVersion() {
		HttpResponse<String> response = server.post("/openai/deployments/d/chat/completions", CHAT.formatted(""));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestServer.json(response.body()).path("error").path("code").asString())
			.isEqualTo("MissingApiVersionParameter");
		assertThat(server.post("/openai/deployments/d/embeddings", "{\"input\":\"x\"}").statusCode()).isEqualTo(400);
	}

	@Test
	void contentPolicyIsAzuresContentFilter() {
		HttpResponse<String> response = server
			.post("/openai/deployments/d;error=content_policy/chat/completions" + VERSION, CHAT.formatted(""));
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = TestServer.json(response.body()).path("error");
		assertThat(error.path("code").asString()).isEqualTo("content_filter");
		assertThat(error.path("param").asString()).isEqualTo("prompt");
		assertThat(error.path("innererror").path("code").asString()).isEqualTo("ResponsibleAIPolicyViolation");
		assertThat(error.path("innererror").path("content_filter_result").path("hate").path("filtered").asBoolean())
			.isTrue();
	}

	@Test
	void rateLimitsInAzuresShape() {
		HttpResponse<String> response = server
			.post("/openai/deployments/d;error=429;retry_after=3/chat/completions" + VERSION, CHAT.formatted(""));
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("retry-after")).hasValue("3");
		JsonNode error = TestServer.json(response.body()).path("error");
		assertThat(error.path("code").asString()).isEqualTo("429");
		assertThat(error.path("message").asString()).contains("Please retry after 3 seconds.");
	}

	@Test
	void otherErrorsKeepOpenAisShape() {
		HttpResponse<String> response = server.post("/openai/deployments/d;error=context/chat/completions" + VERSION,
				CHAT.formatted(""));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestServer.json(response.body()).path("error").path("code").asString())
			.isEqualTo("context_length_exceeded");
	}

	@Test
	void embedsAndGeneratesImagesUnderTheDeployment() {
		JsonNode embeddings = ok(
				server.post("/openai/deployments/emb%3Blatency_ms%3D1/embeddings" + VERSION, "{\"input\":\"x\"}"));
		assertThat(embeddings.path("model").asString()).isEqualTo("emb");
		JsonNode images = ok(server.post("/openai/deployments/dalle3/images/generations" + VERSION,
				"{\"prompt\":\"a cat\",\"response_format\":\"b64_json\"}"));
		assertThat(images.path("data").get(0).path("b64_json").asString()).startsWith("iVBORw0KGgo");
	}

	private static JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		return TestServer.json(response.body());
	}

}
