package dev.llmgw.fake;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyTests {

	private static final String CHAT = "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

	private static TestServer server;

	@BeforeAll
	static void start() {
		server = TestServer.start("sk-fake");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void rejectsRequestsWithoutTheKey() {
		assertInvalidKey(server.post("/v1/chat/completions", CHAT));
		assertInvalidKey(server.get("/v1/models"));
		assertInvalidKey(server.post("/v1/embeddings", "{\"input\":\"x\"}"));
	}

	@Test
	void rejectsAWrongKey() {
		assertInvalidKey(server.post("/v1/chat/completions", CHAT, "Authorization", "Bearer sk-other"));
		assertInvalidKey(server.post("/v1/chat/completions", CHAT, "api-key", "sk-fake2"));
	}

	@Test
	void acceptsTheKeyInAnyProviderHeader() {
		assertThat(server.post("/v1/chat/completions", CHAT, "Authorization", "Bearer sk-fake").statusCode())
			.isEqualTo(200);
		assertThat(server.post("/v1/chat/completions", CHAT, "authorization", "bearer sk-fake").statusCode())
			.isEqualTo(200);
		assertThat(server.post("/v1/chat/completions", CHAT, "api-key", "sk-fake").statusCode()).isEqualTo(200);
		assertThat(server.post("/v1/chat/completions", CHAT, "x-api-key", "sk-fake").statusCode()).isEqualTo(200);
	}

	@Test
	void acceptsGeminisKeyHeaderAndQueryParameter() {
		String gemini = "/v1beta/models/gemini-2.0-flash:generateContent";
		String body = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";
		assertThat(server.post(gemini, body, "x-goog-api-key", "sk-fake").statusCode()).isEqualTo(200);
		assertThat(server.post(gemini + "?key=sk-fake", body).statusCode()).isEqualTo(200);
		HttpResponse<String> wrong = server.post(gemini + "?key=sk-other", body);
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(TestServer.json(wrong.body()).path("error").path("status").asString()).isEqualTo("INVALID_ARGUMENT");
	}

	@Test
	void acceptsAnySigV4SignatureOrTheKeyAsBearerOnBedrock() {
		String converse = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse";
		String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";
		assertThat(server
			.post(converse, body, "Authorization",
					"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/bedrock/aws4_request, "
							+ "SignedHeaders=host;x-amz-date, Signature=abc")
			.statusCode()).isEqualTo(200);
		assertThat(server.post(converse, body, "Authorization", "Bearer sk-fake").statusCode()).isEqualTo(200);
		HttpResponse<String> unsigned = server.post(converse, body);
		assertThat(unsigned.statusCode()).isEqualTo(403);
		assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).hasValue("UnrecognizedClientException");
	}

	@Test
	void rejectsInEachProvidersShape() {
		HttpResponse<String> anthropic = server.post("/v1/messages", "{}", "x-api-key", "sk-other");
		assertThat(anthropic.statusCode()).isEqualTo(401);
		assertThat(TestServer.json(anthropic.body()).path("error").path("type").asString())
			.isEqualTo("authentication_error");
		HttpResponse<String> azure = server.post("/openai/deployments/d/chat/completions?api-version=1", CHAT);
		assertThat(azure.statusCode()).isEqualTo(401);
		assertThat(TestServer.json(azure.body()).path("error").path("code").asString()).isEqualTo("401");
		HttpResponse<String> cohere = server.post("/v2/chat", "{}");
		assertThat(cohere.statusCode()).isEqualTo(401);
		assertThat(TestServer.json(cohere.body()).path("message").asString()).isEqualTo("invalid api token");
	}

	@Test
	void leavesTheControlEndpointsOpen() {
		assertThat(server.get("/health").statusCode()).isEqualTo(200);
		assertThat(server.get("/fake/stats").statusCode()).isEqualTo(200);
	}

	private static void assertInvalidKey(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		JsonNode error = TestServer.json(response.body()).path("error");
		assertThat(error.path("code").asString()).isEqualTo("invalid_api_key");
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(error.path("message").asString()).isEqualTo("Incorrect API key provided.");
	}

}
