package dev.llmgw.fake;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FakeLlmServerTests {

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
	void listensOnAnEphemeralPort() {
		assertThat(server.server().port()).isPositive();
		assertThat(server.server().baseUrl()).isEqualTo("http://127.0.0.1:" + server.server().port());
	}

	@Test
	void reportsHealth() {
		HttpResponse<String> response = server.get("/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
	}

	@Test
	void answersUnknownPathsWithAnOpenAiNotFound() {
		HttpResponse<String> response = server.post("/v1/nothing-here?x=1", "{}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
		JsonNode error = TestServer.json(response.body()).path("error");
		assertThat(error.path("message").asString()).isEqualTo("Invalid URL (POST /v1/nothing-here)");
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(error.has("param")).isTrue();
		assertThat(error.has("code")).isTrue();
	}

	@Test
	void readsOptionsFromTheEnvironment() {
		assertThat(FakeLlmServerOptions.fromEnvironment(Map.of()))
			.isEqualTo(new FakeLlmServerOptions("0.0.0.0", 8080, null));
		assertThat(FakeLlmServerOptions.fromEnvironment(
				Map.of("SERVER_PORT", "18080", "SERVER_ADDRESS", "127.0.0.1", "FAKE_REQUIRE_API_KEY", "sk-test")))
			.isEqualTo(new FakeLlmServerOptions("127.0.0.1", 18080, "sk-test"));
		assertThat(FakeLlmServerOptions.fromEnvironment(Map.of("FAKE_REQUIRE_API_KEY", " ")).requiredApiKey()).isNull();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FakeLlmServerOptions.fromEnvironment(Map.of("SERVER_PORT", "http")))
			.withMessageContaining("SERVER_PORT");
	}

	@Test
	void stripsQueryAndTrailingSlashFromPaths() {
		assertThat(Dispatcher.path("/openai/deployments/d/chat/completions?api-version=2024-10-21"))
			.isEqualTo("/openai/deployments/d/chat/completions");
		assertThat(Dispatcher.path("/v1/models/")).isEqualTo("/v1/models");
		assertThat(Dispatcher.path("/")).isEqualTo("/");
	}

}
