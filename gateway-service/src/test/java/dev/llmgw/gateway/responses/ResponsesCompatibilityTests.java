package dev.llmgw.gateway.responses;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.inputitems.InputItemListPage;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.Eventually;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Responses API through the gateway, driven by the official OpenAI Java SDK with
 * response validation on (every field the SDK requires must be there): answers whole and
 * streamed from each provider family, function calls and their outputs, conversations
 * continued with previous_response_id, and stored responses read, listed and deleted by
 * the key that made them only.
 */
class ResponsesCompatibilityTests extends GatewayTestBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private OpenAIClient client;

	@BeforeEach
	void connect() {
		this.client = client(MASTER_KEY);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	private OpenAIClient client(String key) {
		return OpenAIOkHttpClient.builder()
			.baseUrl(url("/v1"))
			.apiKey(key)
			.maxRetries(0)
			.responseValidation(true)
			.build();
	}

	@ParameterizedTest
	@ValueSource(strings = { "gpt-4o-mini", "bedrock-claude", "claude-direct", "azure-gpt", "gemini-flash",
			"cohere-command" })
	void answersFromEveryProviderFamily(String model) {
		Response response = this.client.responses()
			.create(ResponseCreateParams.builder()
				.model(model)
				.instructions("be brief")
				.input("hello " + model)
				.maxOutputTokens(100)
				.build());
		assertThat(response.id()).startsWith("resp_");
		assertThat(response.status()).hasValue(ResponseStatus.COMPLETED);
		assertThat(text(response)).isEqualTo("You said: hello " + model);
		assertThat(response.usage().get().inputTokens()).isPositive();
		assertThat(response.usage().get().outputTokens()).isPositive();
		assertThat(response.instructions()).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "gpt-4o-mini", "bedrock-claude", "claude-direct", "gemini-flash" })
	void streamsTypedEventsEndingWithTheWholeResponse(String model) {
		List<ResponseStreamEvent> events = new ArrayList<>();
		try (StreamResponse<ResponseStreamEvent> stream = this.client.responses()
			.createStreaming(ResponseCreateParams.builder().model(model).input("stream from " + model).build())) {
			stream.stream().forEach(events::add);
		}
		assertThat(events.get(0).isCreated()).isTrue();
		assertThat(events.get(1).isInProgress()).isTrue();
		StringBuilder deltas = new StringBuilder();
		events.forEach((event) -> event.outputTextDelta().ifPresent((delta) -> deltas.append(delta.delta())));
		assertThat(deltas).hasToString("You said: stream from " + model);
		assertThat(events.stream().filter(ResponseStreamEvent::isOutputTextDelta).count()).isGreaterThan(2);
		ResponseStreamEvent last = events.get(events.size() - 1);
		assertThat(last.isCompleted()).isTrue();
		Response whole = last.asCompleted().response();
		assertThat(text(whole)).isEqualTo("You said: stream from " + model);
		assertThat(whole.usage().get().totalTokens()).isPositive();
		// stored before the closing event left: readable at once
		assertThat(text(this.client.responses().retrieve(whole.id()))).isEqualTo(text(whole));
	}

	@ParameterizedTest
	@ValueSource(strings = { "azure-tools", "bedrock-tools", "claude-tools", "gemini-tools", "cohere-tools" })
	void aFunctionCallAndItsOutputContinueTheConversation(String model) {
		Response called = this.client.responses()
			.create(ResponseCreateParams.builder().model(model).input("weather in Paris?").addTool(weather()).build());
		ResponseFunctionToolCall call = called.output()
			.stream()
			.filter(ResponseOutputItem::isFunctionCall)
			.map(ResponseOutputItem::asFunctionCall)
			.findFirst()
			.orElseThrow();
		assertThat(call.name()).isEqualTo("get_weather");
		assertThat(call.callId()).isNotBlank();
		assertThat(call.arguments()).startsWith("{");
		Response answered = this.client.responses()
			.create(ResponseCreateParams.builder()
				.model(model)
				.previousResponseId(called.id())
				.inputOfResponse(
						List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
							.callId(call.callId())
							.output("sunny, 21 C")
							.build())))
				.addTool(weather())
				.build());
		assertThat(answered.status()).hasValue(ResponseStatus.COMPLETED);
		assertThat(answered.previousResponseId()).hasValue(called.id());
	}

	@Test
	void aStreamedFunctionCallComesAsArgumentEvents() {
		List<ResponseStreamEvent> events = new ArrayList<>();
		try (StreamResponse<ResponseStreamEvent> stream = this.client.responses()
			.createStreaming(ResponseCreateParams.builder()
				.model("claude-tools")
				.input("weather in Paris?")
				.addTool(weather())
				.build())) {
			stream.stream().forEach(events::add);
		}
		var done = events.stream().filter(ResponseStreamEvent::isFunctionCallArgumentsDone).findFirst().orElseThrow();
		assertThat(done.asFunctionCallArgumentsDone().arguments()).startsWith("{");
		Response whole = events.get(events.size() - 1).asCompleted().response();
		assertThat(whole.output().get(whole.output().size() - 1).asFunctionCall().arguments())
			.isEqualTo(done.asFunctionCallArgumentsDone().arguments());
	}

	@Test
	void rawEventsAreNamedNumberedInOrderAndEndWithoutDone() {
		var raw = post("/v1/responses", """
				{"model": "claude-tools", "stream": true, "input": "weather in Paris?",
				 "tools": [{"type": "function", "name": "get_weather", "parameters": {"type": "object"}}]}""");
		assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
		List<String> frames = List.of(raw.body().split("\n\n"));
		for (int i = 0; i < frames.size(); i++) {
			String frame = frames.get(i);
			String type = frame.substring("event: ".length(), frame.indexOf('\n'));
			assertThat(frame).as(frame).contains("data: {\"type\":\"" + type + "\",\"sequence_number\":" + i + ",");
		}
		assertThat(raw.body()).doesNotContain("[DONE]")
			.contains("\"type\":\"response.function_call_arguments.done\"")
			.contains("\"name\":\"get_weather\"");
		assertThat(frames.get(frames.size() - 1)).startsWith("event: response.completed\n");
	}

	@Test
	void aStreamCutAfterItStartedEndsWithAnErrorEventAndIsNotStored() {
		var raw = post("/v1/responses", "{\"model\": \"cut-stream\", \"stream\": true, \"input\": \"x\"}");
		assertThat(raw.statusCode()).isEqualTo(200);
		assertThat(raw.body()).contains("event: response.output_text.delta")
			.doesNotContain("response.completed")
			.contains("event: error\ndata: {\"type\":\"error\",\"sequence_number\":");
		String id = raw.body().replaceAll("(?s).*?\"id\":\"(resp_[0-9a-z_]+)\".*", "$1");
		assertThat(get("/v1/responses/" + id).statusCode()).isEqualTo(404);
	}

	@Test
	void openAiAndAzureDeploymentsAnswerThroughTheirOwnResponsesApi() {
		for (String model : List.of("gpt-4o-mini", "azure-gpt")) {
			Response response = this.client.responses()
				.create(ResponseCreateParams.builder().model(model).input("native " + model).build());
			assertThat(response.id()).as(model).startsWith("resp_fake_");
			assertThat(text(response)).isEqualTo("You said: native " + model);
			assertThat(text(this.client.responses().retrieve(response.id()))).isEqualTo(text(response));
		}
		// the caller's request goes as written: built-in tools and items included
		var raw = post("/v1/responses", """
				{"model": "echo", "input": [{"role": "user", "content": "look it up"},
				  {"type": "web_search_call", "id": "ws_1", "status": "completed"}],
				 "tools": [{"type": "web_search"}], "include": ["reasoning.encrypted_content"], "fallbacks": ["x"]}""");
		assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
		String sent = JSON.readTree(raw.body()).at("/output/0/content/0/text").asString();
		assertThat(sent).contains("\"web_search_call\"", "\"type\":\"web_search\"", "reasoning.encrypted_content",
				"\"model\":\"fake;echo=1\"");
		assertThat(sent).as("the gateway's own fields stay here").doesNotContain("fallbacks");
	}

	@Test
	void useChatCompletionsApiAGuardrailOrAMockTakeTheChatPathInstead() {
		String viaChat = text(this.client.responses()
			.create(ResponseCreateParams.builder().model("echo-via-chat").input("hi").build()));
		assertThat(viaChat).contains("\"messages\"").doesNotContain("\"input\"");
		var mocked = post("/v1/responses", "{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"mock_response\":\"mocked\"}");
		assertThat(mocked.statusCode()).as(mocked.body()).isEqualTo(200);
		assertThat(JSON.readTree(mocked.body()).path("id").asString()).doesNotStartWith("resp_fake_");
		assertThat(JSON.readTree(mocked.body()).at("/output/0/content/0/text").asString()).isEqualTo("mocked");
	}

	@Test
	void aProviderErrorOnTheNativePathIsTheOpenAiErrorFamily() {
		assertThatThrownBy(() -> this.client.responses()
			.create(ResponseCreateParams.builder().model("rate-limited").input("x").build()))
			.isInstanceOf(RateLimitException.class);
		var raw = post("/v1/responses", "{\"model\":\"too-long\",\"input\":\"x\"}");
		assertThat(raw.statusCode()).isEqualTo(400);
		assertThat(raw.body()).contains("ContextWindowExceededError");
	}

	@Test
	void previousResponseIdSendsTheWholeConversationButNotOldInstructions() {
		Response first = this.client.responses()
			.create(ResponseCreateParams.builder().model("gpt-4o-mini").instructions("old rules").input("one").build());
		Response second = this.client.responses()
			.create(ResponseCreateParams.builder()
				.model("gpt-4o-mini")
				.previousResponseId(first.id())
				.input("two")
				.build());
		// the echo model answers with the chat request it was sent
		Response third = this.client.responses()
			.create(ResponseCreateParams.builder()
				.model("echo")
				.previousResponseId(second.id())
				.instructions("new rules")
				.input("three")
				.build());
		String sent = text(third);
		assertThat(sent).contains("\"new rules\"", "\"one\"", "You said: one", "\"two\"", "You said: two", "\"three\"");
		assertThat(sent).doesNotContain("old rules");
		assertThat(sent.indexOf("\"one\"")).isLessThan(sent.indexOf("\"two\""));
		assertThat(sent.indexOf("\"two\"")).isLessThan(sent.indexOf("\"three\""));
	}

	@Test
	void storedResponsesAreReadListedAndDeletedByTheirKeyOnly() {
		Response made = this.client.responses()
			.create(ResponseCreateParams.builder().model("gpt-4o-mini").input("keep me").build());
		Response read = this.client.responses().retrieve(made.id());
		assertThat(read.id()).isEqualTo(made.id());
		assertThat(text(read)).isEqualTo("You said: keep me");
		InputItemListPage items = this.client.responses().inputItems().list(made.id());
		assertThat(items.data()).hasSize(1);
		assertThat(items.data().get(0).asResponseInputMessageItem().content().get(0).asInputText().text())
			.isEqualTo("keep me");

		AdminClient admin = new AdminClient(url(""));
		String other = admin.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		OpenAIClient stranger = client(other);
		try {
			assertThatThrownBy(() -> stranger.responses().retrieve(made.id())).isInstanceOf(NotFoundException.class);
			assertThatThrownBy(() -> stranger.responses().delete(made.id())).isInstanceOf(NotFoundException.class);
			assertThatThrownBy(() -> stranger.responses()
				.create(ResponseCreateParams.builder()
					.model("gpt-4o-mini")
					.previousResponseId(made.id())
					.input("continue someone else's")
					.build()))
				.isInstanceOf(BadRequestException.class)
				.hasMessageContaining("not found");
		}
		finally {
			stranger.close();
		}
		this.client.responses().delete(made.id());
		assertThatThrownBy(() -> this.client.responses().retrieve(made.id())).isInstanceOf(NotFoundException.class);
	}

	@Test
	void storeFalseKeepsNothing() {
		Response made = this.client.responses()
			.create(ResponseCreateParams.builder().model("gpt-4o-mini").input("forget me").store(false).build());
		assertThatThrownBy(() -> this.client.responses().retrieve(made.id())).isInstanceOf(NotFoundException.class);
	}

	@Test
	void inputItemsPageNewestFirst() {
		var raw = post("/v1/responses", """
				{"model": "gpt-4o-mini", "input": [
				  {"role": "user", "content": "a"},
				  {"role": "assistant", "content": "b"},
				  {"role": "user", "content": [{"type": "input_text", "text": "c"}]}]}""");
		assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
		String id = JSON.readTree(raw.body()).path("id").asString();
		var page = get("/v1/responses/" + id + "/input_items?limit=2");
		assertThat(page.body()).contains("\"has_more\":true")
			.contains("\"text\":\"c\"")
			.doesNotContain("\"text\":\"a\"");
		var asc = get("/v1/responses/" + id + "/input_items?order=asc&limit=1");
		assertThat(asc.body()).contains("\"text\":\"a\"").doesNotContain("\"text\":\"c\"");
		assertThat(get("/v1/responses/" + id + "/input_items?limit=0").statusCode()).isEqualTo(400);
		assertThat(get("/v1/responses/" + id + "/input_items?order=sideways").statusCode()).isEqualTo(400);
	}

	@Test
	void whatCannotBeTranslatedIsA400NamingTheField() {
		assertBadRequest("{\"model\":\"gpt-4o-mini\"}", "input");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":42}", "input");
		assertBadRequest("{\"model\":\"claude-direct\",\"input\":[{\"type\":\"item_reference\",\"id\":\"x\"}]}",
				"input[0].type");
		assertBadRequest("{\"model\":\"claude-direct\",\"input\":[\"a\",{\"type\":\"web_search_call\"}]}", "input[0]");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
				"input[0].role");
		assertBadRequest("{\"model\":\"claude-direct\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}]}",
				"tools[0].type");
		assertBadRequest("{\"model\":\"echo-via-chat\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}]}",
				"tools[0].type");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"background\":true}", "background");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"previous_response_id\":\"resp_nope\"}",
				"previous_response_id");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"previous_response_id\":\"../../etc\"}",
				"previous_response_id");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"yaml\"}}}",
				"text.format.type");
		assertBadRequest("{\"input\":\"x\"}", "model");
		assertThat(get("/v1/responses/resp_%00").statusCode()).isEqualTo(400);
		assertThat(get("/v1/responses/resp_missing").statusCode()).isEqualTo(404);
	}

	@Test
	void theCallIsLoggedAsResponsesInSpendLogs() {
		AdminClient admin = new AdminClient(url(""));
		String key = admin.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		OpenAIClient keyed = client(key);
		try {
			keyed.responses().create(ResponseCreateParams.builder().model("gpt-4o-mini").input("log me").build());
		}
		finally {
			keyed.close();
		}
		Eventually.within(Duration.ofSeconds(10),
				() -> admin.get("/spend/logs?api_key=" + key, MASTER_KEY)
					.body()
					.contains("\"call_type\":\"aresponses\""));
	}

	private void assertBadRequest(String body, String param) {
		var reply = post("/v1/responses", body);
		assertThat(reply.statusCode()).as(reply.body()).isEqualTo(400);
		assertThat(reply.body()).as(body).contains("\"param\":\"" + param + "\"");
	}

	private static FunctionTool weather() {
		return FunctionTool.builder()
			.name("get_weather")
			.parameters(FunctionTool.Parameters.builder()
				.putAdditionalProperty("type", JsonValue.from("object"))
				.putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
				.build())
			.strict(false)
			.build();
	}

	private static String text(Response response) {
		StringBuilder text = new StringBuilder();
		response.output()
			.stream()
			.filter(ResponseOutputItem::isMessage)
			.forEach((item) -> item.asMessage()
				.content()
				.forEach((part) -> part.outputText().ifPresent((out) -> text.append(out.text()))));
		return text.toString();
	}

}
