package dev.llmgw.fake.collectors;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class LangSmithRunsTests {

	private static final String RUN = "{\"id\":\"0b6e1c6e-0000-4000-8000-000000000001\",\"name\":\"litellm-completion\","
			+ "\"run_type\":\"llm\",\"inputs\":{\"messages\":[]},\"outputs\":{\"choices\":[]}}";

	private final TestServer server = TestServer.start();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void acceptsABatchOfRunsAndKeepsIt() {
		String batch = "{\"post\":[" + RUN + "],\"patch\":[]}";
		HttpResponse<String> reply = batch(batch, "ls-test-key");
		assertThat(reply.statusCode()).isEqualTo(202);
		assertThat(reply.body()).isEqualTo("{}");

		JsonNode received = TestServer.json(this.server.get("/fake/langsmith").body());
		assertThat(received).hasSize(1);
		assertThat(received.get(0).path("headers").path("x-api-key").asString()).isEqualTo("ls-test-key");
		assertThat(received.get(0).path("body")).isEqualTo(TestServer.json(batch));

		assertThat(this.server.delete("/fake/langsmith").statusCode()).isEqualTo(204);
		assertThat(TestServer.json(this.server.get("/fake/langsmith").body())).isEmpty();
	}

	@Test
	void refusesAnotherKey() {
		for (String key : new String[] { "wrong", "" }) {
			HttpResponse<String> reply = batch("{\"post\":[" + RUN + "]}", key);
			assertThat(reply.statusCode()).isEqualTo(401);
			assertThat(reply.body()).isEqualTo("{\"detail\":\"Invalid token\"}");
		}
		assertThat(this.server.post(LangSmithRuns.PATH, "{\"post\":[]}").statusCode()).isEqualTo(401);
		assertThat(TestServer.json(this.server.get("/fake/langsmith").body())).isEmpty();
	}

	@Test
	void refusesABodyThatIsNotABatchOfRuns() {
		String[] bodies = { "nope", "[]", "{}", "{\"post\":{}}", "{\"post\":[1]}",
				"{\"post\":[" + RUN.replace("\"run_type\":\"llm\",", "") + "]}",
				"{\"post\":[" + RUN.replace("\"name\":\"litellm-completion\"", "\"name\":3") + "]}",
				"{\"post\":[],\"patch\":{}}", "{\"post\":[],\"patch\":[{\"end_time\":\"x\"}]}" };
		for (String body : bodies) {
			HttpResponse<String> reply = batch(body, "ls-test-key");
			assertThat(reply.statusCode()).as(body).isEqualTo(422);
			assertThat(TestServer.json(reply.body()).path("detail").isString()).as(body).isTrue();
		}
		assertThat(batch("{\"post\":[],\"patch\":[{\"id\":\"r1\",\"end_time\":\"x\"}]}", "ls-test-key").statusCode())
			.isEqualTo(202);
	}

	private HttpResponse<String> batch(String body, String key) {
		return this.server.post(LangSmithRuns.PATH, body, "x-api-key", key, "Content-Type", "application/json");
	}

}
