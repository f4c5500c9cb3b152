package dev.llmgw.fake.sagemaker;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SageMakerInvokeTests {

	static final String TGI = "{\"inputs\":\"%s\",\"parameters\":{\"max_new_tokens\":%d,\"temperature\":0.7%s}}";

	static final String CHAT = "{\"model\":\"tgi\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
			+ "{\"role\":\"user\",\"content\":\"hi there\"}],\"max_tokens\":64%s}";

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
	void answersTgiGenerateWithTheGeneratedText() {
		HttpResponse<String> response = SignedCalls.invoke(server, "llama-tgi", TGI.formatted("Hello there", 50, ""));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
		assertThat(response.headers().firstValue("x-Amzn-Invoked-Production-Variant")).hasValue("AllTraffic");
		JsonNode body = TestServer.json(response.body());
		assertThat(body.isArray()).isTrue();
		assertThat(body.get(0).path("generated_text").asString()).isEqualTo("You said: Hello there");
		assertThat(body.get(0).has("details")).isFalse();
	}

	@Test
	void cutsAtMaxNewTokensAndReportsDetailsAndTheFullText() {
		JsonNode answer = TestServer
			.json(SignedCalls.invoke(server, "tgi%3Breply%3Done%20two%20three",
					TGI.formatted("Prompt: ", 2, ",\"details\":true,\"return_full_text\":true"))
				.body())
			.get(0);
		assertThat(answer.path("generated_text").asString()).isEqualTo("Prompt: one two");
		JsonNode details = answer.path("details");
		assertThat(details.path("finish_reason").asString()).isEqualTo("length");
		assertThat(details.path("generated_tokens").asInt()).isEqualTo(2);
		assertThat(details.path("tokens").size()).isEqualTo(2);
		assertThat(details.path("tokens").get(0).path("special").asBoolean()).isFalse();
	}

	@Test
	void tgiInputValidationComesBackAsAModelError() {
		HttpResponse<String> response = SignedCalls.invoke(server, "llama-tgi",
				"{\"inputs\":\"x\",\"parameters\":{\"temperature\":0}}");
		assertThat(response.statusCode()).isEqualTo(424);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ModelError");
		JsonNode error = TestServer.json(response.body());
		assertThat(error.path("OriginalStatusCode").asInt()).isEqualTo(422);
		assertThat(TestServer.json(error.path("OriginalMessage").asString()).path("error").asString())
			.isEqualTo("Input validation error: `temperature` must be strictly positive");
		assertThat(error.path("Message").asString()).startsWith("Received client error (422) from primary")
			.contains("/aws/sagemaker/Endpoints/llama-tgi");
		assertThat(error.path("ErrorCode").asString()).isEqualTo("CLIENT_ERROR_FROM_MODEL");
		HttpResponse<String> neither = SignedCalls.invoke(server, "llama-tgi", "{\"prompt\":\"x\"}");
		assertThat(neither.statusCode()).isEqualTo(424);
		assertThat(TestServer.json(neither.body()).path("OriginalMessage").asString()).contains("missing field");
	}

	@Test
	void answersAMessagesApiBodyWithAChatCompletion() {
		HttpResponse<String> response = SignedCalls.invoke(server, "chat-tgi", CHAT.formatted(""));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = TestServer.json(response.body());
		assertThat(body.path("object").asString()).isEqualTo("chat.completion");
		assertThat(body.path("model").asString()).isEqualTo("chat-tgi");
		assertThat(body.path("choices").get(0).path("message").path("content").asString())
			.isEqualTo("You said: hi there");
		assertThat(body.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
		JsonNode usage = body.path("usage");
		assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(4);
		assertThat(usage.path("completion_tokens").asInt()).isEqualTo(4);
		assertThat(usage.path("total_tokens").asInt()).isEqualTo(8);
	}

	@Test
	void aMissingEndpointIsAValidationError() {
		HttpResponse<String> response = SignedCalls.invoke(server, "missing-llm", TGI.formatted("x", 5, ""));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationError");
		assertThat(TestServer.json(response.body()).path("message").asString())
			.isEqualTo("Endpoint missing-llm of account 123456789012 not found.");
		HttpResponse<String> badName = SignedCalls.invoke(server, "bad_name", TGI.formatted("x", 5, ""));
		assertThat(badName.statusCode()).isEqualTo(400);
		assertThat(TestServer.json(badName.body()).path("message").asString()).contains("endpointName");
	}

	@Test
	void rendersErrorDirectivesAsSageMakerDoes() {
		HttpResponse<String> throttled = SignedCalls.invoke(server, "llama-tgi", TGI.formatted("x", 5, ""),
				"x-fake-error", "429");
		assertThat(throttled.statusCode()).isEqualTo(400);
		assertThat(throttled.headers().firstValue("x-amzn-ErrorType")).hasValue("ThrottlingException");
		assertThat(TestServer.json(throttled.body()).path("message").isNull()).isTrue();
		HttpResponse<String> internal = SignedCalls.invoke(server, "tgi%3Berror%3D500", TGI.formatted("x", 5, ""));
		assertThat(internal.statusCode()).isEqualTo(500);
		assertThat(internal.headers().firstValue("x-amzn-ErrorType")).hasValue("InternalFailure");
		HttpResponse<String> context = SignedCalls.invoke(server, "tgi%3Berror%3Dcontext", TGI.formatted("x", 5, ""));
		assertThat(context.statusCode()).isEqualTo(424);
		assertThat(TestServer.json(context.body()).path("OriginalMessage").asString()).contains("must be <= 4096");
		HttpResponse<String> chat = SignedCalls.invoke(server, "chat%3Berror%3D503", CHAT.formatted(""));
		assertThat(chat.statusCode()).isEqualTo(503);
		assertThat(chat.headers().firstValue("x-amzn-ErrorType")).hasValue("ServiceUnavailable");
	}

	@Test
	void requiresASignatureForSageMaker() {
		String path = "/endpoints/llama-tgi/invocations";
		String body = TGI.formatted("x", 5, "");
		HttpResponse<String> unsigned = server.post(path, body);
		assertThat(unsigned.statusCode()).isEqualTo(403);
		assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
		HttpResponse<String> bedrock = server.post(path, body, SignedCalls.headers(server, path, body, "bedrock"));
		assertThat(bedrock.statusCode()).isEqualTo(403);
		assertThat(bedrock.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
	}

	@Test
	void countsCallsByEndpointAndAccessKey() {
		SignedCalls.invoke(server, "counted-endpoint", TGI.formatted("x", 5, ""));
		SignedCalls.invoke(server, "counted-endpoint", CHAT.formatted(""));
		JsonNode stats = TestServer.json(server.get("/fake/stats").body());
		assertThat(stats.path("by_model").path("counted-endpoint").asLong()).isEqualTo(2);
		assertThat(stats.path("by_path").path("/endpoints/counted-endpoint/invocations").asLong()).isEqualTo(2);
		assertThat(stats.path("by_access_key").path(SignedCalls.ACCESS_KEY).asLong()).isPositive();
	}

}
