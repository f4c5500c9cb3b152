package dev.llmgw.fake.vertex;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.llmgw.fake.StreamResult;
import dev.llmgw.fake.TestServer;
import dev.llmgw.fake.google.ServiceAccount;
import dev.llmgw.fake.reply.EmbeddingVectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class VertexRouteTests {

	private static final String PUBLISHERS = "/v1/projects/fake-project/locations/us-central1/publishers/";

	private static final String GEMINI = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello vertex\"}]}]}";

	private static final String CLAUDE = "{\"anthropic_version\":\"vertex-2023-10-16\",\"max_tokens\":100,"
			+ "\"messages\":[{\"role\":\"user\",\"content\":\"hi claude\"}]%s}";

	private static final ServiceAccount ACCOUNT = ServiceAccount
		.generate("vertex@fake-project.iam.gserviceaccount.com");

	private static TestServer server;

	private static String token;

	@BeforeAll
	static void start() {
		server = TestServer.start();
		ACCOUNT.register(server);
		token = ACCOUNT.token(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void generatesGeminiContentOnV1AndV1beta1() {
		for (String prefix : List.of(PUBLISHERS, PUBLISHERS.replace("/v1/", "/v1beta1/"))) {
			HttpResponse<String> response = post(prefix + "google/models/gemini-2.0-flash:generateContent", GEMINI);
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode body = TestServer.json(response.body());
			assertThat(text(body)).isEqualTo("You said: hello vertex");
			assertThat(body.path("modelVersion").asString()).isEqualTo("gemini-2.0-flash");
			assertThat(body.path("usageMetadata").path("totalTokenCount").asInt()).isEqualTo(6);
		}
	}

	@Test
	void streamsGeminiAsServerSentEventsOrOneJsonArray() throws Exception {
		String path = PUBLISHERS + "google/models/gemini-2.0-flash;chunks=2:streamGenerateContent";
		StreamResult sse = server.stream(path + "?alt=sse", GEMINI, "Authorization", "Bearer " + token);
		assertThat(sse.response().headers().firstValue("content-type")).hasValue("text/event-stream");
		assertThat(sse.chunks()).hasSize(2);
		assertThat(sse.chunks().stream().map(VertexRouteTests::text).reduce("", String::concat))
			.isEqualTo("You said: hello vertex");
		HttpResponse<String> array = post(path, GEMINI);
		assertThat(TestServer.json(array.body()).size()).isEqualTo(2);
	}

	@Test
	void refusesAMissingUnknownOrServerKeyToken() {
		String path = PUBLISHERS + "google/models/gemini-2.0-flash:generateContent";
		HttpResponse<String> missing = server.post(path, GEMINI);
		assertUnauthenticated(missing, "CREDENTIALS_MISSING");
		assertThat(missing.headers().firstValue("www-authenticate").orElse("")).startsWith("Bearer");
		assertUnauthenticated(server.post(path, GEMINI, "Authorization", "Bearer ya29.made-up"),
				"ACCESS_TOKEN_TYPE_UNSUPPORTED");
		assertUnauthenticated(server.post(path, GEMINI, "x-goog-api-key", "sk-fake"), "CREDENTIALS_MISSING");
	}

	@Test
	void refusesATokenWithoutTheCloudPlatformScope() {
		Instant now = Instant.now();
		String assertion = ACCOUNT.assertion(ServiceAccount.tokenUri(server),
				"https://www.googleapis.com/auth/userinfo.email", now, now.plus(Duration.ofHours(1)));
		String narrow = TestServer.json(ServiceAccount.requestToken(server, assertion).body())
			.path("access_token")
			.asString();
		HttpResponse<String> response = server.post(PUBLISHERS + "google/models/gemini-2.0-flash:generateContent",
				GEMINI, "Authorization", "Bearer " + narrow);
		assertThat(response.statusCode()).isEqualTo(403);
		JsonNode error = TestServer.json(response.body()).path("error");
		assertThat(error.path("status").asString()).isEqualTo("PERMISSION_DENIED");
		assertThat(error.path("details").get(0).path("reason").asString()).isEqualTo("ACCESS_TOKEN_SCOPE_INSUFFICIENT");
	}

	@Test
	void answersClaudeRawPredictWithTheModelFromThePath() {
		HttpResponse<String> response = post(PUBLISHERS + "anthropic/models/claude-3-5-sonnet-v2@20241022:rawPredict",
				CLAUDE.formatted(""));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode message = TestServer.json(response.body());
		assertThat(message.path("type").asString()).isEqualTo("message");
		assertThat(message.path("model").asString()).isEqualTo("claude-3-5-sonnet-v2@20241022");
		assertThat(message.path("content").get(0).path("text").asString()).isEqualTo("You said: hi claude");
		assertThat(message.path("stop_reason").asString()).isEqualTo("end_turn");
		assertThat(message.path("usage").path("input_tokens").asInt()).isEqualTo(2);
	}

	@Test
	void streamsClaudeStreamRawPredictAsAnthropicEvents() throws Exception {
		StreamResult stream = server.stream(PUBLISHERS + "anthropic/models/claude-sonnet-4@20250514:streamRawPredict",
				CLAUDE.formatted(""), "Authorization", "Bearer " + token);
		assertThat(stream.response().statusCode()).isEqualTo(200);
		assertThat(stream.events()).startsWith("message_start", "ping", "content_block_start")
			.endsWith("message_delta", "message_stop");
		assertThat(stream.chunks()
			.stream()
			.filter((chunk) -> chunk.path("type").asString().equals("content_block_delta"))
			.map((chunk) -> chunk.path("delta").path("text").asString())
			.reduce("", String::concat)).isEqualTo("You said: hi claude");
		assertThat(stream.chunks().get(0).path("message").path("model").asString())
			.isEqualTo("claude-sonnet-4@20250514");
	}

	@Test
	void refusesAClaudeBodyWithoutTheVertexAnthropicVersion() {
		String path = PUBLISHERS + "anthropic/models/claude-3-5-haiku@20241022:rawPredict";
		HttpResponse<String> missing = post(path,
				"{\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(missing.statusCode()).isEqualTo(400);
		JsonNode error = TestServer.json(missing.body()).path("error");
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(error.path("message").asString()).isEqualTo("anthropic_version: Field required");
		HttpResponse<String> wrong = post(path, CLAUDE.formatted("").replace("vertex-2023-10-16", "2023-06-01"));
		assertThat(wrong.statusCode()).isEqualTo(400);
	}

	@Test
	void embedsEachInstanceWithPredict() {
		HttpResponse<String> response = post(PUBLISHERS + "google/models/text-embedding-004:predict",
				"{\"instances\":[{\"content\":\"hello world\",\"task_type\":\"RETRIEVAL_QUERY\"},"
						+ "{\"content\":\"bye\"}],\"parameters\":{\"outputDimensionality\":4}}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = TestServer.json(response.body());
		assertThat(body.path("predictions").size()).isEqualTo(2);
		JsonNode first = body.path("predictions").get(0).path("embeddings");
		assertThat(first.path("values").size()).isEqualTo(4);
		assertThat(first.path("values").get(0).floatValue()).isEqualTo(EmbeddingVectors.of("hello world", 4)[0]);
		assertThat(first.path("statistics").path("token_count").asInt()).isEqualTo(2);
		assertThat(first.path("statistics").path("truncated").asBoolean()).isFalse();
		assertThat(body.path("metadata").path("billableCharacterCount").asInt()).isEqualTo(13);
		JsonNode gecko = TestServer.json(post(PUBLISHERS + "google/models/textembedding-gecko@003:predict",
				"{\"instances\":[{\"content\":\"x\"}]}")
			.body());
		assertThat(gecko.path("predictions").get(0).path("embeddings").path("values").size())
			.isEqualTo(EmbeddingVectors.DEFAULT_DIMENSIONS);
	}

	@Test
	void honoursDirectivesAndAnswersUnknownMethodsWithNotFound() {
		HttpResponse<String> limited = post(PUBLISHERS + "google/models/gemini-2.0-flash%3Berror%3D429:generateContent",
				GEMINI);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(TestServer.json(limited.body()).path("error").path("status").asString())
			.isEqualTo("RESOURCE_EXHAUSTED");
		HttpResponse<String> overloaded = post(PUBLISHERS + "anthropic/models/claude;error=overloaded:rawPredict",
				CLAUDE.formatted(""));
		assertThat(overloaded.statusCode()).isEqualTo(529);
		HttpResponse<String> unknown = post(PUBLISHERS + "google/models/gemini-2.0-flash:countTokens", GEMINI);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(TestServer.json(unknown.body()).path("error").path("status").asString()).isEqualTo("NOT_FOUND");
	}

	@Test
	void countsVertexCallsByModel() {
		post(PUBLISHERS + "google/models/gemini-counted:generateContent", GEMINI);
		post(PUBLISHERS + "anthropic/models/claude-counted:rawPredict", CLAUDE.formatted(""));
		JsonNode byModel = TestServer.json(server.get("/fake/stats").body()).path("by_model");
		assertThat(byModel.path("gemini-counted").asLong()).isEqualTo(1);
		assertThat(byModel.path("claude-counted").asLong()).isEqualTo(1);
	}

	@Test
	void worksBesideARequiredApiKeyAndRefusesRevokedTokens() {
		try (TestServer keyed = TestServer.start("sk-fake")) {
			String keyedToken = ACCOUNT.token(keyed);
			String path = PUBLISHERS + "google/models/gemini-2.0-flash:generateContent";
			assertThat(keyed.post(path, GEMINI, "Authorization", "Bearer " + keyedToken).statusCode()).isEqualTo(200);
			assertThat(keyed.delete("/fake/google/tokens").statusCode()).isEqualTo(204);
			assertUnauthenticated(keyed.post(path, GEMINI, "Authorization", "Bearer " + keyedToken),
					"ACCESS_TOKEN_TYPE_UNSUPPORTED");
		}
	}

	private static HttpResponse<String> post(String path, String body) {
		return server.post(path, body, "Authorization", "Bearer " + token);
	}

	private static String text(JsonNode response) {
		return response.path("candidates").get(0).path("content").path("parts").get(0).path("text").asString();
	}

	private static void assertUnauthenticated(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).isEqualTo(401);
		JsonNode error = TestServer.json(response.body()).path("error");
		assertThat(error.path("code").asInt()).isEqualTo(401);
		assertThat(error.path("status").asString()).isEqualTo("UNAUTHENTICATED");
		assertThat(error.path("details").get(0).path("reason").asString()).isEqualTo(reason);
	}

}
