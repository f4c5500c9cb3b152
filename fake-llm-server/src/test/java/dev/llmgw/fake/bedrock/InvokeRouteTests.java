package dev.llmgw.fake.bedrock;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import dev.llmgw.fake.reply.EmbeddingVectors;
import dev.llmgw.fake.reply.TinyPng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class InvokeRouteTests {

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
	void titanEmbedsTheInputText() {
		JsonNode body = invoke("amazon.titan-embed-text-v2%3A0", "{\"inputText\":\"hello world\",\"dimensions\":4}");
		assertThat(body.path("embedding").size()).isEqualTo(4);
		assertThat(body.path("embedding").get(0).floatValue()).isEqualTo(EmbeddingVectors.of("hello world", 4)[0]);
		assertThat(body.path("inputTextTokenCount").asInt()).isEqualTo(2);
	}

	@Test
	void cohereEmbedsEachText() {
		JsonNode body = invoke("cohere.embed-english-v3", "{\"texts\":[\"a\",\"b\"],\"input_type\":\"search_query\"}");
		assertThat(body.path("embeddings").size()).isEqualTo(2);
		assertThat(body.path("texts").get(1).asString()).isEqualTo("b");
		assertThat(body.path("response_type").asString()).isEqualTo("embeddings_floats");
	}

	@Test
	void ranksDocumentsForAmazonAndCohereRerank() {
		for (String model : new String[] { "amazon.rerank-v1%3A0", "cohere.rerank-v3-5%3A0" }) {
			JsonNode body = invoke(model,
					"{\"query\":\"blue sky\",\"documents\":[\"green\",\"blue sky at noon\"],\"top_n\":1}");
			assertThat(body.path("results")).as(model).hasSize(1);
			assertThat(body.path("results").get(0).path("index").asInt()).as(model).isEqualTo(1);
			assertThat(body.path("results").get(0).path("relevance_score").asDouble()).isBetween(0.0, 1.0);
		}
	}

	@Test
	void generatesImagesInEachFamilysShape() {
		JsonNode stability = invoke("stability.stable-image-core-v1%3A0", "{\"prompt\":\"a cat\",\"seed\":7}");
		assertThat(stability.path("seeds").get(0).asLong()).isEqualTo(7);
		assertThat(stability.path("finish_reasons").get(0).isNull()).isTrue();
		assertThat(stability.path("images").get(0).asString()).isEqualTo(TinyPng.BASE64);
		String titanRequest = "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"a cat\"},"
				+ "\"imageGenerationConfig\":{\"numberOfImages\":2}}";
		JsonNode titan = invoke("amazon.titan-image-generator-v2%3A0", titanRequest);
		assertThat(titan.path("images").size()).isEqualTo(2);
		assertThat(titan.path("error").isNull()).isTrue();
		assertThat(invoke("us.amazon.nova-canvas-v1%3A0", titanRequest).path("images").size()).isEqualTo(2);
	}

	@Test
	void rejectsOtherModelsAndMalformedBodies() {
		HttpResponse<String> chat = server.post("/model/anthropic.claude-v2/invoke", "{}");
		assertThat(chat.statusCode()).isEqualTo(400);
		assertThat(chat.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
		assertThat(server.post("/model/amazon.titan-embed-text-v2/invoke", "{}").statusCode()).isEqualTo(400);
	}

	@Test
	void honoursErrorDirectives() {
		HttpResponse<String> blocked = server.post("/model/stability.sd3%3Berror%3Dcontent_policy/invoke",
				"{\"prompt\":\"x\"}");
		assertThat(blocked.statusCode()).isEqualTo(400);
		assertThat(TestServer.json(blocked.body()).path("message").asString()).contains("content filters");
		HttpResponse<String> throttled = server.post("/model/amazon.titan-embed-text-v2%3Berror%3D429/invoke",
				"{\"inputText\":\"x\"}");
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("x-amzn-ErrorType")).hasValue("ThrottlingException");
	}

	private static JsonNode invoke(String modelId, String request) {
		HttpResponse<String> response = server.post("/model/" + modelId + "/invoke", request);
		assertThat(response.statusCode()).isEqualTo(200);
		return TestServer.json(response.body());
	}

}
