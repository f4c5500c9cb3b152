package dev.llmgw.fake.openai;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OpenAiEmbeddingsRouteTests {

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
	void embedsAStringAsEightUnitLengthFloats() {
		JsonNode body = embed("{\"model\":\"text-embedding-3-small\",\"input\":\"hello there world\"}");
		assertThat(body.path("object").asString()).isEqualTo("list");
		assertThat(body.path("model").asString()).isEqualTo("text-embedding-3-small");
		JsonNode item = body.path("data").get(0);
		assertThat(item.path("object").asString()).isEqualTo("embedding");
		assertThat(item.path("index").asInt()).isZero();
		assertThat(item.path("embedding").size()).isEqualTo(8);
		double sum = 0;
		for (JsonNode value : item.path("embedding")) {
			sum += value.asDouble() * value.asDouble();
		}
		assertThat(sum).isCloseTo(1.0, within(1e-5));
		assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
		assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(3);
	}

	@Test
	void embedsEachInputOfAnArray() {
		JsonNode body = embed("{\"model\":\"m\",\"input\":[\"a\",\"b c\",[1,2,3]],\"dimensions\":16}");
		assertThat(body.path("data").size()).isEqualTo(3);
		for (int i = 0; i < 3; i++) {
			assertThat(body.path("data").get(i).path("index").asInt()).isEqualTo(i);
			assertThat(body.path("data").get(i).path("embedding").size()).isEqualTo(16);
		}
		assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(6);
		JsonNode tokens = embed("{\"model\":\"m\",\"input\":[5,6,7,8]}");
		assertThat(tokens.path("data").size()).isEqualTo(1);
		assertThat(tokens.path("usage").path("prompt_tokens").asInt()).isEqualTo(4);
	}

	@Test
	void theSameTextGivesTheSameVector() {
		JsonNode first = embed("{\"model\":\"m\",\"input\":[\"same\",\"other\"]}").path("data");
		JsonNode again = embed("{\"model\":\"m;latency_ms=1\",\"input\":\"same\"}").path("data");
		assertThat(again.get(0).path("embedding")).isEqualTo(first.get(0).path("embedding"));
		assertThat(first.get(1).path("embedding")).isNotEqualTo(first.get(0).path("embedding"));
	}

	@Test
	void encodesBase64AsLittleEndianFloat32() {
		JsonNode floats = embed("{\"model\":\"m\",\"input\":\"x\",\"dimensions\":4}").path("data").get(0);
		JsonNode encoded = embed("{\"model\":\"m\",\"input\":\"x\",\"dimensions\":4,\"encoding_format\":\"base64\"}")
			.path("data")
			.get(0);
		assertThat(encoded.path("embedding").isString()).isTrue();
		ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded.path("embedding").asString()))
			.order(ByteOrder.LITTLE_ENDIAN);
		assertThat(bytes.remaining()).isEqualTo(16);
		for (JsonNode value : floats.path("embedding")) {
			assertThat(bytes.getFloat()).isEqualTo(value.floatValue());
		}
	}

	@Test
	void acceptsAzureAndUnversionedPaths() {
		assertThat(server.post("/embeddings", "{\"model\":\"m\",\"input\":\"x\"}").statusCode()).isEqualTo(200);
		HttpResponse<String> azure = server.post("/openai/deployments/emb/embeddings?api-version=2024-10-21",
				"{\"input\":\"x\"}");
		assertThat(TestServer.json(azure.body()).path("model").asString()).isEqualTo("emb");
	}

	@Test
	void rejectsBadInput() {
		assertThat(server.post("/v1/embeddings", "{\"model\":\"m\"}").statusCode()).isEqualTo(400);
		assertThat(server.post("/v1/embeddings", "{\"model\":\"m\",\"input\":[true]}").statusCode()).isEqualTo(400);
		assertThat(server.post("/v1/embeddings", "{\"model\":\"m\",\"input\":\"x\",\"dimensions\":0}").statusCode())
			.isEqualTo(400);
		assertThat(server.post("/v1/embeddings", "nope").statusCode()).isEqualTo(400);
	}

	@Test
	void honoursErrorDirectives() {
		HttpResponse<String> response = server.post("/v1/embeddings", "{\"model\":\"m;error=429\",\"input\":\"x\"}");
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("retry-after")).hasValue("1");
	}

	private static JsonNode embed(String request) {
		HttpResponse<String> response = server.post("/v1/embeddings", request);
		assertThat(response.statusCode()).isEqualTo(200);
		return TestServer.json(response.body());
	}

}
