package dev.llmgw.fake.openai;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.util.Base64;

import javax.imageio.ImageIO;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiImagesRouteTests {

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
	void answersDecodablePngsAsBase64() throws Exception {
		JsonNode body = generate(
				"{\"model\":\"dall-e-3\",\"prompt\":\"a cat\",\"n\":2,\"response_format\":\"b64_json\"}");
		assertThat(body.path("created").asLong()).isPositive();
		assertThat(body.path("data").size()).isEqualTo(2);
		byte[] png = Base64.getDecoder().decode(body.path("data").get(0).path("b64_json").asString());
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(image.getWidth()).isEqualTo(1);
		assertThat(body.has("usage")).isFalse();
	}

	@Test
	void answersADataUrlByDefault() {
		JsonNode image = generate("{\"model\":\"dall-e-2\",\"prompt\":\"a cat\"}").path("data").get(0);
		assertThat(image.path("url").asString()).startsWith("data:image/png;base64,iVBORw0KGgo");
	}

	@Test
	void gptImageModelsAnswerBase64WithUsage() {
		JsonNode body = generate("{\"model\":\"gpt-image-1\",\"prompt\":\"a small red cat\"}");
		assertThat(body.path("data").get(0).has("b64_json")).isTrue();
		assertThat(body.path("usage").path("input_tokens").asInt()).isEqualTo(4);
		assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(1);
		assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(5);
	}

	@Test
	void rejectsBadRequestsAndHonoursErrorDirectives() {
		assertThat(server.post("/v1/images/generations", "{\"model\":\"m\"}").statusCode()).isEqualTo(400);
		assertThat(server.post("/v1/images/generations", "{\"prompt\":\"x\",\"n\":11}").statusCode()).isEqualTo(400);
		HttpResponse<String> refused = server.post("/v1/images/generations",
				"{\"model\":\"dall-e-3;error=content_policy\",\"prompt\":\"x\"}");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(TestServer.json(refused.body()).path("error").path("code").asString())
			.isEqualTo("content_policy_violation");
	}

	private static JsonNode generate(String request) {
		HttpResponse<String> response = server.post("/v1/images/generations", request);
		assertThat(response.statusCode()).isEqualTo(200);
		return TestServer.json(response.body());
	}

}
