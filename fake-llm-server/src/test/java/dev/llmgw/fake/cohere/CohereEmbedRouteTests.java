package dev.llmgw.fake.cohere;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import dev.llmgw.fake.reply.EmbeddingVectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CohereEmbedRouteTests {

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
	void embedsEachTextUnderEachType() {
		HttpResponse<String> response = server.post("/v2/embed", """
				{"model":"embed-english-v3.0","texts":["hello world","x"],"input_type":"search_document",
				 "embedding_types":["float","int8"]}""");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = TestServer.json(response.body());
		JsonNode floats = body.path("embeddings").path("float");
		assertThat(floats.size()).isEqualTo(2);
		assertThat(floats.get(0).size()).isEqualTo(8);
		assertThat(floats.get(0).get(0).floatValue()).isEqualTo(EmbeddingVectors.of("hello world", 8)[0]);
		assertThat(body.path("embeddings").path("int8").get(1).get(0).asInt())
			.isEqualTo(Math.round(EmbeddingVectors.of("x", 8)[0] * 127));
		assertThat(body.path("texts").get(1).asString()).isEqualTo("x");
		assertThat(body.path("meta").path("billed_units").path("input_tokens").asInt()).isEqualTo(3);
	}

	@Test
	void rejectsBadRequestsAndHonoursErrorDirectives() {
		assertThat(server.post("/v2/embed", "{\"model\":\"e\"}").statusCode()).isEqualTo(400);
		assertThat(server.post("/v2/embed", "{\"model\":\"e\",\"texts\":[\"a\"],\"embedding_types\":[\"binary\"]}")
			.statusCode()).isEqualTo(400);
		assertThat(server.post("/v2/embed", "{\"model\":\"e;error=503\",\"texts\":[\"a\"]}").statusCode())
			.isEqualTo(503);
	}

}
