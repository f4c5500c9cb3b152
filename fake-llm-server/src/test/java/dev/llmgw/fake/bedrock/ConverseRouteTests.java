package dev.llmgw.fake.bedrock;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ConverseRouteTests {

	// 3 system words, 2 + 2 + 3 message words and 2 tool-result words: 12 prompt tokens
	static final String CONVERSATION = """
			{"system":[{"text":"You are terse."}],
			 "messages":[
			  {"role":"user","content":[{"text":"first question"}]},
			  {"role":"assistant","content":[{"text":"first answer"},
			    {"toolUse":{"toolUseId":"t1","name":"lookup","input":{"q":"x"}}}]},
			  {"role":"user","content":[{"toolResult":{"toolUseId":"t1","content":[{"text":"result text"}],"status":"success"}},
			    {"image":{"format":"png","source":{"bytes":"iVBORw0KGgo="}}},{"text":"what is this?"}]}
			 ],
			 "inferenceConfig":{"maxTokens":%d,"temperature":0.5,"stopSequences":["STOP"]}%s}""";

	static final String TOOLS = ",\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"lookup\",\"inputSchema\":{\"json\":{}}}}]}";

	// an inference profile id, percent-encoded as the AWS SDK sends it
	static final String PROFILE = "us.anthropic.claude-3-5-sonnet-20240620-v1%3A0";

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
	void conversesWithUsageAndMetrics() {
		JsonNode body = converse(PROFILE, CONVERSATION.formatted(100, ""));
		JsonNode message = body.path("output").path("message");
		assertThat(message.path("role").asString()).isEqualTo("assistant");
		assertThat(message.path("content").size()).isEqualTo(1);
		assertThat(message.path("content").get(0).path("text").asString()).isEqualTo("You said: what is this?");
		assertThat(body.path("stopReason").asString()).isEqualTo("end_turn");
		assertThat(body.path("usage").path("inputTokens").asInt()).isEqualTo(12);
		assertThat(body.path("usage").path("outputTokens").asInt()).isEqualTo(5);
		assertThat(body.path("usage").path("totalTokens").asInt()).isEqualTo(17);
		assertThat(body.path("metrics").path("latencyMs").isNumber()).isTrue();
	}

	@Test
	void readsDirectivesFromTheEncodedModelId() {
		JsonNode body = converse(PROFILE + "%3Breply%3DFrom%20Bedrock%3Blatency_ms%3D5",
				CONVERSATION.formatted(100, ""));
		assertThat(body.path("output").path("message").path("content").get(0).path("text").asString())
			.isEqualTo("From Bedrock");
		assertThat(body.path("metrics").path("latencyMs").asLong()).isEqualTo(5);
	}

	@Test
	void stopsAtMaxTokensAndStopSequences() {
		assertThat(converse("m;reply=a%20b%20c", CONVERSATION.formatted(2, "")).path("stopReason").asString())
			.isEqualTo("max_tokens");
		JsonNode stopped = converse("m;reply=a%20STOP%20b", CONVERSATION.formatted(100, ""));
		assertThat(stopped.path("stopReason").asString()).isEqualTo("stop_sequence");
		assertThat(stopped.path("output").path("message").path("content").get(0).path("text").asString())
			.isEqualTo("a ");
	}

	@Test
	void usesTheNamedToolWhenToolsAreOffered() {
		JsonNode body = converse("m;tool_call=lookup", CONVERSATION.formatted(100, TOOLS));
		assertThat(body.path("stopReason").asString()).isEqualTo("tool_use");
		JsonNode toolUse = body.path("output").path("message").path("content").get(0).path("toolUse");
		assertThat(toolUse.path("toolUseId").asString()).startsWith("tooluse_fake_");
		assertThat(toolUse.path("name").asString()).isEqualTo("lookup");
		assertThat(toolUse.path("input").isObject()).isTrue();
	}

	@Test
	void aGuardrailAnswersWithItsOwnText() {
		JsonNode body = converse("m;error=content_policy", CONVERSATION.formatted(100, ""));
		assertThat(body.path("stopReason").asString()).isEqualTo("guardrail_intervened");
		assertThat(body.path("output").path("message").path("content").get(0).path("text").asString())
			.isEqualTo("Sorry, the model cannot answer this question.");
	}

	@Test
	void rendersErrorsWithTheirAwsTypes() {
		assertError("error=400", 400, "ValidationException");
		assertError("error=401", 403, "UnrecognizedClientException");
		assertError("error=403", 403, "AccessDeniedException");
		assertError("error=404", 404, "ResourceNotFoundException");
		assertError("error=timeout", 408, "ModelTimeoutException");
		assertError("error=500", 500, "InternalServerException");
		assertError("error=503", 503, "ServiceUnavailableException");
		HttpResponse<String> context = assertError("error=context", 400, "ValidationException");
		assertThat(TestServer.json(context.body()).path("message").asString())
			.isEqualTo("Input is too long for requested model.");
		HttpResponse<String> throttled = assertError("error=429", 429, "ThrottlingException");
		assertThat(throttled.headers().firstValue("retry-after")).hasValue("1");
		assertThat(server.post("/model/m/converse", "{}").statusCode()).isEqualTo(400);
	}

	private static HttpResponse<String> assertError(String directives, int status, String type) {
		HttpResponse<String> response = server.post("/model/m%3B" + directives.replace("=", "%3D") + "/converse",
				CONVERSATION.formatted(100, ""));
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
		assertThat(TestServer.json(response.body()).path("message").asString()).isNotBlank();
		return response;
	}

	private static JsonNode converse(String modelId, String request) {
		HttpResponse<String> response = server.post("/model/" + modelId + "/converse", request);
		assertThat(response.statusCode()).isEqualTo(200);
		return TestServer.json(response.body());
	}

}
