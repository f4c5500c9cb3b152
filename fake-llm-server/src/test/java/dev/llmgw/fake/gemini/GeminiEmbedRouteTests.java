package dev.llmgw.fake.gemini;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import dev.llmgw.fake.reply.EmbeddingVectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiEmbedRouteTests {

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
	void embedsOneContent() {
		HttpResponse<String> response = server.post("/v1beta/models/text-embedding-004:embedContent",
				"{\"content\":{\"parts\":[{\"text\":\"hello world\"}]}}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode values = TestServer.json(response.body()).path("embedding").path("values");
		assertThat(values.size()).isEqualTo(EmbeddingVectors.DEFAULT_DIMENSIONS);
		assertThat(values.get(0).floatValue()).isEqualTo(EmbeddingVectors.of("hello world", 8)[0]);
	}

	@Test
	void embedsABatch() {
		HttpResponse<String> response = server.post("/v1beta/models/text-embedding-004:batchEmbedContents", """
				{"requests":[
				  {"model":"models/text-embedding-004","content":{"parts":[{"text":"a"}]},"outputDimensionality":4},
				  {"model":"models/text-embedding-004","content":{"parts":[{"text":"b"}]}}
				]}""");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode embeddings = TestServer.json(response.body()).path("embeddings");
		assertThat(embeddings.size()).isEqualTo(2);
		assertThat(embeddings.get(0).path("values").size()).isEqualTo(4);
		assertThat(embeddings.get(1).path("values").size()).isEqualTo(8);
	}

	@Test
	void rejectsMissingContentAndHonoursErrorDirectives() {
		assertThat(server.post("/v1beta/models/e:embedContent", "{}").statusCode()).isEqualTo(400);
		HttpResponse<String> limited = server.post("/v1beta/models/e%3Berror%3D429:embedContent",
				"{\"content\":{\"parts\":[{\"text\":\"a\"}]}}");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(TestServer.json(limited.body()).path("error").path("status").asString())
			.isEqualTo("RESOURCE_EXHAUSTED");
	}

}
