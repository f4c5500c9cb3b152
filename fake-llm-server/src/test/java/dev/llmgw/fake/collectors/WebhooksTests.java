package dev.llmgw.fake.collectors;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class WebhooksTests {

	private final TestServer server = TestServer.start();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void keepsEveryPostWithItsPathHeadersAndBody() {
		HttpResponse<String> reply = this.server.post("/fake/webhook/team-a?token=1", "{\"model\":\"gpt-4o\"}",
				"Content-Type", "application/json", "X-Signature", "abc");
		assertThat(reply.statusCode()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("{\"status\":\"ok\"}");
		assertThat(this.server.post("/fake/webhook/team-b/logs", "line one\nline two", "Content-Type", "text/plain")
			.statusCode()).isEqualTo(200);

		JsonNode received = TestServer.json(this.server.get("/fake/webhook").body());
		assertThat(received).hasSize(2);
		assertThat(received.get(0).path("path").asString()).isEqualTo("/fake/webhook/team-a");
		assertThat(received.get(0).path("headers").path("x-signature").asString()).isEqualTo("abc");
		assertThat(received.get(0).path("body").path("model").asString()).isEqualTo("gpt-4o");
		assertThat(received.get(1).path("path").asString()).isEqualTo("/fake/webhook/team-b/logs");
		assertThat(received.get(1).path("body").asString()).isEqualTo("line one\nline two");

		assertThat(this.server.delete("/fake/webhook").statusCode()).isEqualTo(204);
		assertThat(TestServer.json(this.server.get("/fake/webhook").body())).isEmpty();
	}

	@Test
	void newlineDelimitedJsonIsKeptAsText() {
		this.server.post("/fake/webhook/ndjson", "{\"a\":1}\n{\"b\":2}\n");
		JsonNode body = TestServer.json(this.server.get("/fake/webhook").body()).get(0).path("body");
		assertThat(body.isString()).isTrue();
		assertThat(body.asString()).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
	}

}
