package dev.llmgw.fake.openai;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiModelsRouteTests {

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
	void listsTheFakeModels() {
		for (String path : new String[] { "/v1/models", "/models" }) {
			HttpResponse<String> response = server.get(path);
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode body = TestServer.json(response.body());
			assertThat(body.path("object").asString()).isEqualTo("list");
			assertThat(body.path("data").size()).isEqualTo(OpenAiModelsRoute.MODELS.size());
			JsonNode first = body.path("data").get(0);
			assertThat(first.path("id").asString()).isEqualTo("fake-model");
			assertThat(first.path("object").asString()).isEqualTo("model");
			assertThat(first.path("created").asLong()).isEqualTo(1700000000L);
			assertThat(first.path("owned_by").asString()).isEqualTo("fake");
		}
	}

	@Test
	void isSteeredByHeaders() {
		assertThat(server.get("/v1/models", "x-fake-error", "500").statusCode()).isEqualTo(500);
	}

}
