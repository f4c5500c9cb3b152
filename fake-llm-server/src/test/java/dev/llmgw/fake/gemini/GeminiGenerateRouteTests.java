package dev.llmgw.fake.gemini;

import java.net.http.HttpResponse;
import java.util.List;

import dev.llmgw.fake.StreamResult;
import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiGenerateRouteTests {

	// 3 system words and 2 + 2 + 3 content words: 10 prompt tokens
	static final String CONVERSATION = """
			{"systemInstruction":{"parts":[{"text":"You are terse."}]},
			 "contents":[
			  {"role":"user","parts":[{"text":"first question"}]},
			  {"role":"model","parts":[{"text":"first answer"},{"functionCall":{"name":"lookup","args":{}}}]},
			  {"role":"user","parts":[{"functionResponse":{"name":"lookup","response":{"x":1}}},
			    {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},{"text":"what is this?"}]}
			 ]%s}""";

	static final String TOOLS = ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"lookup\"}]}]";

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
	void generatesContentWithUsage() {
		JsonNode body = generate("gemini-2.0-flash", CONVERSATION.formatted(""));
		JsonNode candidate = body.path("candidates").get(0);
		assertThat(candidate.path("content").path("role").asString()).isEqualTo("model");
		assertThat(candidate.path("content").path("parts").get(0).path("text").asString())
			.isEqualTo("You said: what is this?");
		assertThat(candidate.path("finishReason").asString()).isEqualTo("STOP");
		assertThat(candidate.path("index").asInt()).isZero();
		JsonNode usage = body.path("usageMetadata");
		assertThat(usage.path("promptTokenCount").asInt()).isEqualTo(10);
		assertThat(usage.path("candidatesTokenCount").asInt()).isEqualTo(5);
		assertThat(usage.path("totalTokenCount").asInt()).isEqualTo(15);
		assertThat(body.path("modelVersion").asString()).isEqualTo("gemini-2.0-flash");
	}

	@Test
	void readsDirectivesFromTheModelInThePathEncodedOrNot() {
		JsonNode encoded = generate("gemini%3Breply%3DHi%20from%20Gemini%3A%20ok", CONVERSATION.formatted(""));
		assertThat(text(encoded)).isEqualTo("Hi from Gemini: ok");
		assertThat(encoded.path("modelVersion").asString()).isEqualTo("gemini");
		assertThat(text(generate("gemini;reply=plain", CONVERSATION.formatted("")))).isEqualTo("plain");
	}

	@Test
	void stopsAtMaxOutputTokens() {
		JsonNode body = generate("g;reply=one%20two%20three",
				CONVERSATION.formatted(",\"generationConfig\":{\"maxOutputTokens\":2,\"stopSequences\":[\"zzz\"]}"));
		assertThat(text(body)).isEqualTo("one two");
		assertThat(body.path("candidates").get(0).path("finishReason").asString()).isEqualTo("MAX_TOKENS");
	}

	@Test
	void callsTheNamedFunctionWhenFunctionsAreDeclared() {
		JsonNode part = generate("g;tool_call=lookup", CONVERSATION.formatted(TOOLS)).path("candidates")
			.get(0)
			.path("content")
			.path("parts")
			.get(0);
		assertThat(part.path("functionCall").path("name").asString()).isEqualTo("lookup");
		assertThat(part.path("functionCall").path("args").isObject()).isTrue();
	}

	@Test
	void refusesAContentPolicyPromptWithPromptFeedback() {
		JsonNode body = generate("g;error=content_policy", CONVERSATION.formatted(""));
		assertThat(body.has("candidates")).isFalse();
		assertThat(body.path("promptFeedback").path("blockReason").asString()).isEqualTo("SAFETY");
		assertThat(body.path("usageMetadata").path("promptTokenCount").asInt()).isEqualTo(10);
	}

	@Test
	void streamsServerSentEventsWithUsageAtTheEnd() throws Exception {
		StreamResult stream = server.stream("/v1beta/models/g;chunks=3:streamGenerateContent?alt=sse",
				CONVERSATION.formatted(""));
		assertThat(stream.response().headers().firstValue("content-type")).hasValue("text/event-stream");
		List<JsonNode> chunks = stream.chunks();
		assertThat(chunks).hasSize(3);
		assertThat(chunks.stream().map(GeminiGenerateRouteTests::text).reduce("", String::concat))
			.isEqualTo("You said: what is this?");
		assertThat(chunks.get(0).path("candidates").get(0).has("finishReason")).isFalse();
		assertThat(chunks.get(0).has("usageMetadata")).isFalse();
		assertThat(chunks.get(2).path("candidates").get(0).path("finishReason").asString()).isEqualTo("STOP");
		assertThat(chunks.get(2).path("usageMetadata").path("totalTokenCount").asInt()).isEqualTo(15);
	}

	@Test
	void streamsAFunctionCallInOneChunkAndHonoursNoUsage() throws Exception {
		List<JsonNode> chunks = server
			.stream("/v1beta/models/g;tool_call=lookup;no_usage:streamGenerateContent?alt=sse",
					CONVERSATION.formatted(TOOLS))
			.chunks();
		assertThat(chunks).hasSize(1);
		assertThat(chunks.get(0).path("candidates").get(0).path("content").path("parts").get(0).has("functionCall"))
			.isTrue();
		assertThat(chunks.get(0).has("usageMetadata")).isFalse();
	}

	@Test
	void dropsTheStreamAfterErrorAfterChunks() throws Exception {
		StreamResult stream = server.stream(
				"/v1beta/models/g;chunks=4;error_after_chunks=2:streamGenerateContent?alt=sse",
				CONVERSATION.formatted(""));
		assertThat(stream.data()).hasSize(2);
		assertThat(stream.complete()).isFalse();
	}

	@Test
	void streamsOneJsonArrayWithoutAltSse() {
		HttpResponse<String> response = server.post("/v1beta/models/g;chunks=2:streamGenerateContent",
				CONVERSATION.formatted(""));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode array = TestServer.json(response.body());
		assertThat(array.isArray()).isTrue();
		assertThat(array.size()).isEqualTo(2);
	}

	@Test
	void rejectsARequestWithoutContents() {
		HttpResponse<String> response = server.post("/v1beta/models/g:generateContent", "{}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestServer.json(response.body()).path("error").path("status").asString())
			.isEqualTo("INVALID_ARGUMENT");
	}

	static String text(JsonNode response) {
		return response.path("candidates").get(0).path("content").path("parts").get(0).path("text").asString();
	}

	private static JsonNode generate(String model, String request) {
		HttpResponse<String> response = server.post("/v1beta/models/" + model + ":generateContent", request);
		assertThat(response.statusCode()).isEqualTo(200);
		return TestServer.json(response.body());
	}

}
