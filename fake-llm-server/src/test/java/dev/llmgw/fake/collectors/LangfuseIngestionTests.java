package dev.llmgw.fake.collectors;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class LangfuseIngestionTests {

	private static final String AUTH = "Basic "
			+ Base64.getEncoder().encodeToString("pk-lf-test:sk-lf-test".getBytes(StandardCharsets.UTF_8));

	private static final String BATCH = """
			{"batch":[
			  {"id":"e1","timestamp":"2026-01-01T00:00:00Z","type":"trace-create","body":{"id":"t1","name":"chat"}},
			  {"id":"e2","timestamp":"2026-01-01T00:00:01Z","type":"generation-create",
			   "body":{"id":"g1","traceId":"t1","model":"gpt-4o"}}],
			 "metadata":{"sdk_name":"litellm"}}""";

	private final TestServer server = TestServer.start();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void acceptsABatchWithASuccessPerEventAndKeepsIt() {
		HttpResponse<String> reply = ingest(BATCH, AUTH);
		assertThat(reply.statusCode()).isEqualTo(207);
		assertThat(reply.headers().firstValue("content-type")).hasValue("application/json");
		assertThat(TestServer.json(reply.body())).isEqualTo(TestServer
			.json("{\"successes\":[{\"id\":\"e1\",\"status\":201},{\"id\":\"e2\",\"status\":201}],\"errors\":[]}"));

		JsonNode received = TestServer.json(this.server.get("/fake/langfuse").body());
		assertThat(received).hasSize(1);
		assertThat(received.get(0).path("headers").path("authorization").asString()).isEqualTo(AUTH);
		assertThat(received.get(0).path("headers").path("content-type").asString()).isEqualTo("application/json");
		assertThat(received.get(0).path("body")).isEqualTo(TestServer.json(BATCH));

		assertThat(this.server.delete("/fake/langfuse").statusCode()).isEqualTo(204);
		assertThat(TestServer.json(this.server.get("/fake/langfuse").body())).isEmpty();
	}

	@Test
	void refusesOtherCredentials() {
		String wrong = "Basic "
				+ Base64.getEncoder().encodeToString("pk-lf-test:nope".getBytes(StandardCharsets.UTF_8));
		for (String authorization : new String[] { wrong, "Bearer sk-lf-test", "Basic !!!" }) {
			HttpResponse<String> reply = ingest(BATCH, authorization);
			assertThat(reply.statusCode()).as(authorization).isEqualTo(401);
			assertThat(reply.body()).isEqualTo("{\"message\":\"Invalid credentials\"}");
		}
		HttpResponse<String> none = this.server.post(LangfuseIngestion.PATH, BATCH, "Content-Type", "application/json");
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(TestServer.json(this.server.get("/fake/langfuse").body())).isEmpty();
	}

	@Test
	void refusesABodyThatIsNotABatchOfEvents() {
		String event = "{\"id\":\"e1\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"type\":\"trace-create\",\"body\":{}}";
		String[] bodies = { "not json", "[]", "{}", "{\"batch\":{}}", "{\"batch\":[1]}",
				"{\"batch\":[" + event.replace("\"id\":\"e1\"", "\"id\":1") + "]}",
				"{\"batch\":[" + event.replace(",\"timestamp\":\"2026-01-01T00:00:00Z\"", "") + "]}",
				"{\"batch\":[" + event.replace("\"body\":{}", "\"body\":\"x\"") + "]}",
				"{\"batch\":[" + event + "],\"metadata\":[]}" };
		for (String body : bodies) {
			HttpResponse<String> reply = ingest(body, AUTH);
			assertThat(reply.statusCode()).as(body).isEqualTo(400);
			assertThat(TestServer.json(reply.body()).path("message").asString()).as(body)
				.startsWith("Invalid request data");
		}
		assertThat(ingest("{\"batch\":[" + event + "]}", AUTH).statusCode()).isEqualTo(207);
		assertThat(TestServer.json(this.server.get("/fake/langfuse").body())).hasSize(1);
	}

	private HttpResponse<String> ingest(String body, String authorization) {
		return this.server.post(LangfuseIngestion.PATH, body, "Authorization", authorization, "Content-Type",
				"application/json");
	}

}
