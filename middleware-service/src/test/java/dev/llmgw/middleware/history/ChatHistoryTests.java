package dev.llmgw.middleware.history;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmgw.middleware.MiddlewareApplication;
import dev.llmgw.middleware.support.BedrockClients;
import dev.llmgw.middleware.support.LocalStack;
import dev.llmgw.storage.DatabaseSettings;
import dev.llmgw.storage.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.PromptVariableValues;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat history end to end, on both interfaces, with the official OpenAI and AWS SDKs: the
 * middleware in front of the real gateway (keys made there), PostgreSQL holding the
 * sessions, and the fake server's {@code echo} model answering with the request the
 * gateway sent it, so a test sees exactly which messages reached the model.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatHistoryTests {

	private static final String DATABASE = TestPostgres.newDatabase();

	private static final int MAX_MESSAGES = 40;

	private static final int MAX_BYTES = 20_000;

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static String alice;

	private static String aliceAgain;

	private static String bob;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("middleware.gateway-url", () -> LocalStack.shared().gatewayUrl());
		registry.add("middleware.bedrock-agent-endpoint", () -> LocalStack.shared().fakeUrl());
		registry.add("middleware.database-url", () -> DATABASE);
		registry.add("middleware.history.max-messages", () -> MAX_MESSAGES);
		registry.add("middleware.history.max-bytes", () -> MAX_BYTES);
		registry.add("server.address", () -> "127.0.0.1");
	}

	@BeforeAll
	static void keys() throws Exception {
		// managed prompts are fetched with a signed GetPrompt
		System.setProperty("aws.accessKeyId", "AKIDHISTORY");
		System.setProperty("aws.secretAccessKey", "history-secret");
		alice = newUser("history-alice");
		aliceAgain = newKey("history-alice");
		bob = newUser("history-bob");
	}

	@Test
	void turnsAreRememberedWithTheSystemPromptOnceAtTheFront() throws Exception {
		HttpResponse<String> first = chat(alice, """
				{"model": "echo", "enable_history": true,
				 "messages": [{"role": "system", "content": "S1"}, {"role": "user", "content": "one"}]}""");
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		String session = JSON.readTree(first.body()).path("session_id").asString();
		assertThat(session).isNotBlank();
		assertThat(first.headers().firstValue("X-Session-Id")).hasValue(session);
		JsonNode sent = forwarded(first);
		assertThat(texts(sent.path("messages"))).containsExactly("system:S1", "user:one");
		assertThat(sent.has("enable_history")).as("the switches never reach the model").isFalse();

		HttpResponse<String> second = chat(alice, """
				{"model": "echo", "session_id": "%s", "messages": [{"role": "user", "content": "two"}]}"""
			.formatted(session));
		assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
		assertThat(JSON.readTree(second.body()).path("session_id").asString()).isEqualTo(session);
		List<String> secondSent = texts(forwarded(second).path("messages"));
		assertThat(secondSent).hasSize(4);
		assertThat(secondSent.get(0)).isEqualTo("system:S1");
		assertThat(secondSent.get(1)).isEqualTo("user:one");
		assertThat(secondSent.get(2)).startsWith("assistant:").contains("S1");
		assertThat(secondSent.get(3)).isEqualTo("user:two");
		assertThat(forwarded(second).has("session_id")).isFalse();

		HttpResponse<String> third = chat(alice, """
				{"model": "echo", "session_id": "%s",
				 "messages": [{"role": "system", "content": "S2"}, {"role": "user", "content": "three"}]}"""
			.formatted(session));
		List<String> thirdSent = texts(forwarded(third).path("messages"));
		assertThat(thirdSent.stream().filter((text) -> text.startsWith("system:")))
			.as("the call's own system prompt replaces the stored one, once")
			.containsExactly("system:S2");
		assertThat(thirdSent.get(0)).isEqualTo("system:S2");
		assertThat(thirdSent.get(thirdSent.size() - 1)).isEqualTo("user:three");

		JsonNode stored = JSON.readTree(history(alice, "/chat-history", session).body());
		List<String> storedTexts = texts(stored.path("messages"));
		assertThat(storedTexts).hasSize(7);
		assertThat(storedTexts.get(0)).isEqualTo("system:S2");
		assertThat(storedTexts.get(6)).startsWith("assistant:");
	}

	@Test
	void theGatewaysLogsNameTheSessionAsLangfuseReadsIt() throws Exception {
		HttpResponse<String> call = chat(alice,
				"""
						{"model": "echo", "enable_history": true, "messages": [{"role": "user", "content": "log my session"}]}""");
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		String session = JSON.readTree(call.body()).path("session_id").asString();
		String callId = call.headers().firstValue("x-litellm-call-id").orElseThrow();
		JsonNode logged = null;
		for (int i = 0; i < 100 && logged == null; i++) {
			Thread.sleep(50);
			HttpResponse<String> hooks = HTTP.send(
					HttpRequest.newBuilder(URI.create(LocalStack.shared().fakeUrl() + "/fake/webhook")).build(),
					HttpResponse.BodyHandlers.ofString());
			for (JsonNode request : JSON.readTree(hooks.body())) {
				for (JsonNode payload : request.path("body")) {
					if (callId.equals(payload.path("litellm_call_id").asString())) {
						logged = payload;
					}
				}
			}
		}
		assertThat(logged).as("the gateway logged the call").isNotNull();
		assertThat(logged.path("trace_id").asString()).isEqualTo(session);
		assertThat(logged.path("metadata").path("requester_metadata").path("session_id").asString()).isEqualTo(session);
	}

	@Test
	void theOpenAiSdkGetsTheSessionIdAndStreamedRepliesAreStored() throws Exception {
		OpenAIClient client = OpenAIOkHttpClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port + "/v1")
			.apiKey(alice)
			.maxRetries(0)
			.build();
		try {
			HttpResponseFor<ChatCompletion> first = client.chat()
				.completions()
				.withRawResponse()
				.create(ChatCompletionCreateParams.builder()
					.model("claude")
					.addUserMessage("hello there")
					.putAdditionalBodyProperty("enable_history", JsonValue.from(true))
					.build());
			ChatCompletion completion = first.parse();
			String session = completion._additionalProperties().get("session_id").convert(String.class);
			assertThat(first.headers().values("X-Session-Id")).containsExactly(session);

			StringBuilder streamed = new StringBuilder();
			List<String> sessionIds = new ArrayList<>();
			try (StreamResponse<ChatCompletionChunk> stream = client.chat()
				.completions()
				.createStreaming(ChatCompletionCreateParams.builder()
					.model("claude")
					.addUserMessage("and again")
					.putAdditionalBodyProperty("session_id", JsonValue.from(session))
					.build())) {
				stream.stream().forEach((chunk) -> {
					JsonValue id = chunk._additionalProperties().get("session_id");
					if (id != null) {
						sessionIds.add(id.convert(String.class));
					}
					chunk.choices().forEach((choice) -> choice.delta().content().ifPresent(streamed::append));
				});
			}
			assertThat(sessionIds).as("the first chunk, only").containsExactly(session);
			assertThat(streamed.toString()).isEqualTo("You said: and again");

			// read as soon as the stream ended: [DONE] waited for the store
			List<String> stored = texts(
					JSON.readTree(history(alice, "/chat-history", session).body()).path("messages"));
			assertThat(stored).containsExactly("user:hello there", "assistant:You said: hello there", "user:and again",
					"assistant:You said: and again");
		}
		finally {
			client.close();
		}
	}

	@Test
	void theKeyMayComeInAnyHeaderTheGatewayAccepts() throws Exception {
		HttpResponse<String> first = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
			.header("x-litellm-api-key", alice)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"claude\", \"enable_history\": true, "
					+ "\"messages\": [{\"role\": \"user\", \"content\": \"azure style\"}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		String session = JSON.readTree(first.body()).path("session_id").asString();
		HttpResponse<String> read = HTTP
			.send(HttpRequest.newBuilder(URI.create(url("/chat-history?session_id=" + session)))
				.header("api-key", alice)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(texts(JSON.readTree(read.body()).path("messages"))).containsExactly("user:azure style",
				"assistant:You said: azure style");
	}

	@Test
	void aSessionIsItsOwnersAlone() throws Exception {
		String session = JSON.readTree(chat(alice,
				"""
						{"model": "claude", "enable_history": true, "messages": [{"role": "user", "content": "secret plan"}]}""")
			.body()).path("session_id").asString();

		HttpResponse<String> read = history(bob, "/chat-history", session);
		assertThat(read.statusCode()).isEqualTo(401);
		assertThat(read.body()).contains("\"error\"").doesNotContain("secret plan");
		HttpResponse<String> bedrockRead = history(bob, "/bedrock/chat-history", session);
		assertThat(bedrockRead.statusCode()).isEqualTo(401);
		assertThat(bedrockRead.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
		HttpResponse<String> continued = chat(bob, """
				{"model": "claude", "session_id": "%s", "messages": [{"role": "user", "content": "tell me"}]}"""
			.formatted(session));
		assertThat(continued.statusCode()).isEqualTo(401);
		assertThat(continued.body()).doesNotContain("secret plan");
		assertThat(delete(bob, "/chat-history", session).statusCode()).isEqualTo(401);
		assertThat(sessionIds(bob, "")).doesNotContain(session);

		// another key of the same user reaches it
		HttpResponse<String> sameUser = history(aliceAgain, "/chat-history", session);
		assertThat(sameUser.statusCode()).isEqualTo(200);
		assertThat(texts(JSON.readTree(sameUser.body()).path("messages"))).hasSize(2);
		assertThat(sessionIds(aliceAgain, "")).contains(session);

		assertThat(delete(alice, "/chat-history", session).statusCode()).isEqualTo(200);
		HttpResponse<String> gone = history(alice, "/chat-history", session);
		assertThat(gone.statusCode()).isEqualTo(404);
		assertThat(sessionIds(alice, "")).doesNotContain(session);
	}

	@Test
	void nothingIsWrittenForAKeyTheGatewayRefusesOrACallThatFails() throws Exception {
		long before = rows();
		HttpResponse<String> refused = chat("sk-not-a-real-key-0000", """
				{"model": "claude", "enable_history": true, "messages": [{"role": "user", "content": "hi"}]}""");
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(refused.body()).path("error").path("message").asString()).isNotBlank();
		HttpResponse<String> failed = chat(alice, """
				{"model": "broken", "enable_history": true, "messages": [{"role": "user", "content": "hi"}]}""");
		assertThat(failed.statusCode()).as("the gateway's own status passes through").isEqualTo(503);
		assertThat(failed.headers().firstValue("X-Session-Id")).isEmpty();
		assertThat(rows()).isEqualTo(before);
	}

	@Test
	void sessionIdsComePageByPage() throws Exception {
		String carol = newUser("history-carol");
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			created.add(JSON.readTree(chat(carol, """
					{"model": "claude", "enable_history": true, "messages": [{"role": "user", "content": "hi"}]}""")
				.body()).path("session_id").asString());
		}
		HttpResponse<String> firstPage = post(carol, "/session-ids", "{\"page\": 1, \"page_size\": 2}");
		JsonNode page = JSON.readTree(firstPage.body());
		assertThat(page.path("total").asInt()).isEqualTo(3);
		List<String> ids = new ArrayList<>(strings(page.path("session_ids")));
		assertThat(ids).hasSize(2);
		ids.addAll(strings(JSON.readTree(post(carol, "/session-ids", "{\"page\": 2, \"page_size\": 2}").body())
			.path("session_ids")));
		assertThat(ids).containsExactlyInAnyOrderElementsOf(created);
		assertThat(ids.get(0)).as("the most recently used first").isEqualTo(created.get(2));
	}

	@Test
	void aSessionStopsAtItsLimitWithAClearError() throws Exception {
		String session = null;
		int turn = 0;
		HttpResponse<String> response;
		do {
			turn++;
			String switches = (session == null) ? "\"enable_history\": true" : "\"session_id\": \"" + session + "\"";
			response = chat(alice, "{\"model\": \"claude\", " + switches
					+ ", \"messages\": [{\"role\": \"user\", \"content\": \"turn " + turn + "\"}]}");
			if (session == null) {
				session = JSON.readTree(response.body()).path("session_id").asString();
			}
		}
		while (response.statusCode() == 200 && turn < 100);
		// each turn adds a question and an answer
		assertThat(turn).isEqualTo(MAX_MESSAGES / 2 + 1);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).path("error").path("message").asString())
			.contains("over the limit of " + MAX_MESSAGES)
			.contains("CHAT_HISTORY_MAX_MESSAGES");
		assertThat(texts(JSON.readTree(history(alice, "/chat-history", session).body()).path("messages")))
			.hasSize(MAX_MESSAGES);
	}

	@Test
	void aSessionIdPostgreSqlCannotHoldIsABadRequest() throws Exception {
		// PostgreSQL refuses NUL in text: the session lookup itself used to fail, a 500
		// (a NUL at either end is trimmed away with the whitespace)
		long before = rows();
		HttpResponse<String> turn = chat(alice, """
				{"model": "claude", "session_id": "a\\u0000b", "messages": [{"role": "user", "content": "hi"}]}""");
		assertThat(turn.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(turn.body()).path("error").path("message").asString()).contains("session_id");
		assertThat(history(alice, "/chat-history", "a\\u0000b").statusCode()).isEqualTo(400);
		assertThat(delete(alice, "/chat-history", "a%00b").statusCode()).isEqualTo(400);
		assertThat(history(alice, "/bedrock/chat-history", "a\\u0000b").statusCode()).isEqualTo(400);
		assertThat(rows()).isEqualTo(before);
	}

	@Test
	void aMessageOverTheSizeLimitIsRefusedBeforeTheModelIsCalled() throws Exception {
		long before = rows();
		HttpResponse<String> response = chat(alice, "{\"model\": \"claude\", \"enable_history\": true, \"messages\": "
				+ "[{\"role\": \"user\", \"content\": \"" + "x".repeat(MAX_BYTES) + "\"}]}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).path("error").path("message").asString())
			.contains("over the limit of " + MAX_BYTES)
			.contains("CHAT_HISTORY_MAX_BYTES");
		assertThat(rows()).isEqualTo(before);
	}

	@Test
	void browsersMayReadTheSessionHeader() throws Exception {
		HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
			.header("Origin", "https://app.example.com")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
		HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
			.header("Origin", "https://app.example.com")
			.header("Authorization", "Bearer " + alice)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"model\": \"claude\", \"enable_history\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
			.containsIgnoringCase("X-Session-Id");
		assertThat(answer.headers().allValues("Access-Control-Allow-Origin"))
			.containsExactly("https://app.example.com");
	}

	@Test
	void concurrentTurnsOfOneSessionOnTwoInstancesAreAllKept() throws Exception {
		String session = JSON
			.readTree(chat(alice, """
					{"model": "claude", "enable_history": true, "messages": [{"role": "user", "content": "start"}]}""")
				.body())
			.path("session_id")
			.asString();
		int turns = 16;
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(MiddlewareApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1",
				"--middleware.gateway-url=" + LocalStack.shared().gatewayUrl(),
				"--middleware.database-url=" + DATABASE)) {
			int otherPort = Integer.parseInt(other.getEnvironment().getProperty("local.server.port", "0"));
			List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < turns; i++) {
				String url = "http://127.0.0.1:" + ((i % 2 == 0) ? this.port : otherPort) + "/v1/chat/completions";
				calls.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url))
					.header("Authorization", "Bearer " + alice)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("""
							{"model": "claude", "session_id": "%s",
							 "messages": [{"role": "user", "content": "parallel %d"}]}""".formatted(session, i)))
					.build(), HttpResponse.BodyHandlers.ofString()));
			}
			for (CompletableFuture<HttpResponse<String>> call : calls) {
				HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			}
		}
		List<String> stored = texts(JSON.readTree(history(alice, "/chat-history", session).body()).path("messages"));
		assertThat(stored).hasSize(2 + 2 * turns);
		for (int i = 0; i < turns; i++) {
			assertThat(stored).containsOnlyOnce("user:parallel " + i, "assistant:You said: parallel " + i);
			// each question is followed by its own answer
			assertThat(stored.get(stored.indexOf("user:parallel " + i) + 1))
				.isEqualTo("assistant:You said: parallel " + i);
		}
	}

	@Test
	void theConverseInterfaceKeepsHistoryToo() throws Exception {
		BedrockRuntimeClient client = BedrockClients.sync(this.port, alice);
		BedrockRuntimeAsyncClient async = BedrockClients.async(this.port, alice);
		try {
			ConverseResponse first = client.converse((request) -> request.modelId("claude")
				.system(SystemContentBlock.fromText("Be brief"))
				.messages(user("what is a tide"))
				.additionalModelRequestFields(Document.mapBuilder().putBoolean("enable_history", true).build()));
			String session = first.sdkHttpResponse().firstMatchingHeader("X-Session-Id").orElseThrow();

			ConverseResponse second = client.converse((request) -> request.modelId("echo")
				.messages(user("and a wave"))
				.additionalModelRequestFields(Document.mapBuilder().putString("session_id", session).build()));
			assertThat(second.sdkHttpResponse().firstMatchingHeader("X-Session-Id")).hasValue(session);
			JsonNode sent = JSON.readTree(second.output().message().content().get(0).text());
			assertThat(texts(sent.path("messages"))).containsExactly("system:Be brief", "user:what is a tide",
					"assistant:You said: what is a tide", "user:and a wave");

			List<String> deltas = new ArrayList<>();
			ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
				.subscriber(ConverseStreamResponseHandler.Visitor.builder()
					.onContentBlockDelta((event) -> deltas.add(event.delta().text()))
					.build())
				.build();
			async
				.converseStream(ConverseStreamRequest.builder()
					.modelId("claude")
					.messages(user("and the moon"))
					.additionalModelRequestFields(Document.mapBuilder().putString("session_id", session).build())
					.build(), handler)
				.get(30, TimeUnit.SECONDS);
			assertThat(String.join("", deltas)).isEqualTo("You said: and the moon");

			JsonNode stored = JSON.readTree(history(alice, "/bedrock/chat-history", session).body());
			assertThat(stored.path("system").path(0).path("text").asString()).isEqualTo("Be brief");
			JsonNode messages = stored.path("messages");
			assertThat(messages.size()).isEqualTo(6);
			assertThat(messages.path(0).path("role").asString()).isEqualTo("user");
			assertThat(messages.path(0).path("content").path(0).path("text").asString()).isEqualTo("what is a tide");
			assertThat(messages.path(5).path("role").asString()).isEqualTo("assistant");
			assertThat(messages.path(5).path("content").path(0).path("text").asString())
				.isEqualTo("You said: and the moon");
		}
		finally {
			client.close();
			async.close();
		}
	}

	@Test
	void aTurnAGuardrailStoppedIsNotKept() throws Exception {
		BedrockRuntimeClient client = BedrockClients.sync(this.port, alice);
		try {
			ConverseResponse first = client.converse((request) -> request.modelId("claude")
				.messages(user("a fine start"))
				.additionalModelRequestFields(Document.mapBuilder().putBoolean("enable_history", true).build()));
			String session = first.sdkHttpResponse().firstMatchingHeader("X-Session-Id").orElseThrow();
			ConverseResponse blocked = client.converse((request) -> request.modelId("claude")
				.messages(user("now BLOCKME please"))
				.guardrailConfig((guardrail) -> guardrail.guardrailIdentifier("gr-converse").guardrailVersion("1"))
				.additionalModelRequestFields(Document.mapBuilder().putString("session_id", session).build()));
			assertThat(blocked.stopReasonAsString()).isEqualTo("guardrail_intervened");
			ConverseResponse after = client.converse((request) -> request.modelId("echo")
				.messages(user("and then"))
				.guardrailConfig((guardrail) -> guardrail.guardrailIdentifier("gr-converse").guardrailVersion("1"))
				.additionalModelRequestFields(Document.mapBuilder().putString("session_id", session).build()));
			assertThat(after.stopReasonAsString()).as("the blocked prompt is not sent again").isEqualTo("end_turn");
			JsonNode sent = JSON.readTree(after.output().message().content().get(0).text());
			assertThat(texts(sent.path("messages"))).containsExactly("user:a fine start",
					"assistant:You said: a fine start", "user:and then");
		}
		finally {
			client.close();
		}
	}

	@Test
	void aManagedPromptKeepsHistoryOnBothInterfaces() throws Exception {
		HTTP.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().fakeUrl() + "/fake/prompts"))
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"id": "PHIST00001", "prompt": {"id": "PHIST00001", "name": "history", "version": "DRAFT",
					 "variants": [{"name": "v", "modelId": "echo", "templateType": "TEXT",
					 "templateConfiguration": {"text": {"text": "Describe {{thing}}",
					   "inputVariables": [{"name": "thing"}]}}}]}}"""))
			.build(), HttpResponse.BodyHandlers.discarding());
		String arn = "arn:aws:bedrock:us-east-1:123456789012:prompt/PHIST00001";
		HttpResponse<String> first = chat(alice, """
				{"model": "%s", "enable_history": true, "messages": [], "promptVariables": {"thing": "rain"}}"""
			.formatted(arn));
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		String session = JSON.readTree(first.body()).path("session_id").asString();
		HttpResponse<String> second = chat(alice, """
				{"model": "%s", "session_id": "%s", "messages": [], "promptVariables": {"thing": "snow"}}"""
			.formatted(arn, session));
		List<String> sent = texts(forwarded(second).path("messages"));
		assertThat(sent).hasSize(3);
		assertThat(sent.get(0)).isEqualTo("user:Describe rain");
		assertThat(sent.get(2)).isEqualTo("user:Describe snow");

		// the same session, streamed on the Converse interface
		BedrockRuntimeAsyncClient async = BedrockClients.async(this.port, alice);
		try {
			StringBuilder streamed = new StringBuilder();
			async
				.converseStream(
						ConverseStreamRequest.builder()
							.modelId(arn)
							.promptVariables(Map.of("thing", PromptVariableValues.fromText("hail")))
							.additionalModelRequestFields(
									Document.mapBuilder().putString("session_id", session).build())
							.build(),
						ConverseStreamResponseHandler.builder()
							.subscriber(ConverseStreamResponseHandler.Visitor.builder()
								.onContentBlockDelta((event) -> streamed.append(event.delta().text()))
								.build())
							.build())
				.get(30, TimeUnit.SECONDS);
			List<String> streamedSent = texts(JSON.readTree(streamed.toString()).path("messages"));
			assertThat(streamedSent).hasSize(5);
			assertThat(streamedSent.get(4)).isEqualTo("user:Describe hail");
		}
		finally {
			async.close();
		}
		List<String> stored = texts(JSON.readTree(history(alice, "/chat-history", session).body()).path("messages"));
		assertThat(stored).hasSize(6);
		assertThat(stored.get(5)).startsWith("assistant:");
	}

	/**
	 * The master key is no stored key: the gateway's /key/info answers it with a 400,
	 * which once refused it here. It keeps history on both interfaces, streamed and not,
	 * and its sessions are its own.
	 */
	@Test
	void theMasterKeyKeepsHistoryOnBothInterfacesStreamedAndNot() throws Exception {
		String master = LocalStack.MASTER_KEY;
		OpenAIClient openAi = OpenAIOkHttpClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port + "/v1")
			.apiKey(master)
			.maxRetries(0)
			.build();
		BedrockRuntimeClient bedrock = BedrockClients.sync(this.port, master);
		BedrockRuntimeAsyncClient bedrockAsync = BedrockClients.async(this.port, master);
		try {
			ChatCompletion first = openAi.chat()
				.completions()
				.create(ChatCompletionCreateParams.builder()
					.model("claude")
					.addUserMessage("master one")
					.putAdditionalBodyProperty("enable_history", JsonValue.from(true))
					.build());
			String session = first._additionalProperties().get("session_id").convert(String.class);

			StringBuilder streamed = new StringBuilder();
			try (StreamResponse<ChatCompletionChunk> stream = openAi.chat()
				.completions()
				.createStreaming(ChatCompletionCreateParams.builder()
					.model("claude")
					.addUserMessage("master two")
					.putAdditionalBodyProperty("session_id", JsonValue.from(session))
					.build())) {
				stream.stream()
					.forEach((chunk) -> chunk.choices()
						.forEach((choice) -> choice.delta().content().ifPresent(streamed::append)));
			}
			assertThat(streamed.toString()).isEqualTo("You said: master two");

			ConverseResponse third = bedrock.converse((request) -> request.modelId("echo")
				.messages(user("master three"))
				.additionalModelRequestFields(Document.mapBuilder().putString("session_id", session).build()));
			assertThat(texts(JSON.readTree(third.output().message().content().get(0).text()).path("messages")))
				.containsExactly("user:master one", "assistant:You said: master one", "user:master two",
						"assistant:You said: master two", "user:master three");

			StringBuilder deltas = new StringBuilder();
			bedrockAsync
				.converseStream(
						ConverseStreamRequest.builder()
							.modelId("claude")
							.messages(user("master four"))
							.additionalModelRequestFields(
									Document.mapBuilder().putString("session_id", session).build())
							.build(),
						ConverseStreamResponseHandler.builder()
							.subscriber(ConverseStreamResponseHandler.Visitor.builder()
								.onContentBlockDelta((event) -> deltas.append(event.delta().text()))
								.build())
							.build())
				.get(30, TimeUnit.SECONDS);
			assertThat(deltas.toString()).isEqualTo("You said: master four");

			HttpResponse<String> read = history(master, "/chat-history", session);
			assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
			assertThat(texts(JSON.readTree(read.body()).path("messages"))).hasSize(8)
				.endsWith("user:master four", "assistant:You said: master four");
			assertThat(history(master, "/bedrock/chat-history", session).statusCode()).isEqualTo(200);
			assertThat(sessionIds(master, "")).contains(session);
			assertThat(history(alice, "/chat-history", session).statusCode()).as("another key's").isEqualTo(401);
		}
		finally {
			openAi.close();
			bedrock.close();
			bedrockAsync.close();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "proxy_admin", "proxy_admin_viewer", "internal_user", "internal_user_viewer" })
	void keysOfEveryRoleKeepHistory(String role) throws Exception {
		String key = admin("/user/new", Map.of("user_id", "history-" + role, "user_role", role));
		HttpResponse<String> first = chat(key, """
				{"model": "claude", "enable_history": true, "messages": [{"role": "user", "content": "as %s"}]}"""
			.formatted(role));
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		String session = JSON.readTree(first.body()).path("session_id").asString();
		HttpResponse<String> read = history(key, "/chat-history", session);
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(texts(JSON.readTree(read.body()).path("messages"))).containsExactly("user:as " + role,
				"assistant:You said: as " + role);
	}

	private static Message user(String text) {
		return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
	}

	/** What the gateway sent the fake model, which the echo model answers with. */
	private static JsonNode forwarded(HttpResponse<String> response) {
		return JSON.readTree(
				JSON.readTree(response.body()).path("choices").path(0).path("message").path("content").asString());
	}

	/** Each message as role:text. */
	private static List<String> texts(JsonNode messages) {
		List<String> texts = new ArrayList<>();
		for (JsonNode message : messages) {
			JsonNode content = message.path("content");
			String text = content.isString() ? content.asString() : content.path(0).path("text").asString("");
			texts.add(message.path("role").asString() + ":" + text);
		}
		return texts;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private HttpResponse<String> chat(String key, String body) throws Exception {
		return post(key, "/v1/chat/completions", body);
	}

	private HttpResponse<String> history(String key, String path, String session) throws Exception {
		return post(key, path, "{\"session_id\": \"" + session + "\"}");
	}

	private HttpResponse<String> delete(String key, String path, String session) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url(path) + "?session_id=" + session))
			.header("Authorization", "Bearer " + key)
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private List<String> sessionIds(String key, String query) throws Exception {
		return strings(JSON.readTree(post(key, "/session-ids" + query, "{}").body()).path("session_ids"));
	}

	private HttpResponse<String> post(String key, String path, String body) throws Exception {
		return HTTP.send(request(key, path, body), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String key, String path, String body) {
		return HttpRequest.newBuilder(URI.create(url(path)))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private static long rows() throws SQLException {
		DatabaseSettings settings = DatabaseSettings.parse(DATABASE);
		try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
				settings.password());
				ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM chat_sessions")) {
			count.next();
			return count.getLong(1);
		}
	}

	private static String newUser(String userId) throws Exception {
		return admin("/user/new", Map.of("user_id", userId));
	}

	private static String newKey(String userId) throws Exception {
		return admin("/key/generate", Map.of("user_id", userId));
	}

	private static String admin(String path, Map<String, String> body) throws Exception {
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().gatewayUrl() + path))
				.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("key").asString();
	}

}
