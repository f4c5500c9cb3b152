package dev.llmgw.fake;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyTests {

	private static final String CHAT = "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

	private static TestServer server;

	@BeforeAll
	static void start() {
		server = TestServer.start("sk-fake");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void rejectsRequestsWithoutTheKey() {
		assertInvalidKey(server.post("/v1/chat/completions", CHAT));
		assertInvalidKey(server.get("/v1/models"));
		assertInvalidKey(server.post("/v1/embeddings", "{\"input\":\"x\"}"));
	}

	@Test
	void rejectsAWrongKey() {
		assertInvalidKey(server.post("/v1/chat/completions", CHAT, "Authorization", "Bearer sk-other"));
		assertInvalidKey(server.post("/v1/chat/completions", CHAT, "api-key", "sk-fake2"));
	}

	@Test
	void acceptsTheKeyInAnyProviderHeader() {
		assertThat(server.post("/v1/chat/completions", CHAT, "Authorization", "Bearer sk-fake").statusCode())
			.isEqualTo(200);
		assertThat(server.post("/v1/chat/completions", CHAT, "authorization", "bearer sk-fake").statusCode())
			.isEqualTo(200);
		assertThat(server.post("/v1/chat/completions", CHAT, "api-key", "sk-fake").statusCode()).isEqualTo(200);
		assertThat(server.post("/v1/chat/completions", CHAT, "x-api-key", "sk-fake").statusCode()).isEqualTo(200);
	}

	@Test
	void leavesTheControlEndpointsOpen() {
		assertThat(server.get("/health").statusCode()).isEqualTo(200);
		assertThat(server.get("/fake/stats").statusCode()).isEqualTo(200);
	}

	private static void assertInvalidKey(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		JsonNode error = TestServer.json(response.body()).path("error");
		assertThat(error.path("code").asString()).isEqualTo("invalid_api_key");
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(error.path("message").asString()).isEqualTo("Incorrect API key provided.");
	}

}
