package dev.llmgw.fake.cohere;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CohereRerankRouteTests {

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
	void ranksTheDocumentsSharingTheQuerysWordsFirst() {
		HttpResponse<String> response = server.post("/v2/rerank",
				"""
						{"model":"rerank-v3.5","query":"blue sky","documents":["green grass","a blue sky","blue"],"top_n":2}""");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = TestServer.json(response.body());
		assertThat(body.path("results")).hasSize(2);
		assertThat(body.path("results").get(0).path("index").asInt()).isEqualTo(1);
		assertThat(body.path("results").get(0).path("relevance_score").asDouble())
			.isGreaterThan(body.path("results").get(1).path("relevance_score").asDouble());
		assertThat(body.path("meta").path("billed_units").path("search_units").asInt()).isEqualTo(1);
	}

	@Test
	void rejectsBadRequestsAndHonoursErrorDirectives() {
		assertThat(server.post("/v2/rerank", "{\"model\":\"r\",\"documents\":[\"a\"]}").statusCode()).isEqualTo(400);
		assertThat(server.post("/v2/rerank", "{\"model\":\"r\",\"query\":\"q\",\"documents\":[]}").statusCode())
			.isEqualTo(400);
		assertThat(server.post("/v2/rerank", "{\"model\":\"r;error=429\",\"query\":\"q\",\"documents\":[\"a\"]}")
			.statusCode()).isEqualTo(429);
	}

}
