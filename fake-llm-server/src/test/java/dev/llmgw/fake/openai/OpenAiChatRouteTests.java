package dev.llmgw.fake.openai;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiChatRouteTests {

	private static final String CONVERSATION = """
			{"model":"%s","messages":[
			  {"role":"system","content":"You are terse."},
			  {"role":"user","content":"first question"},
			  {"role":"assistant","content":"first answer"},
			  {"role":"user","content":[{"type":"text","text":"what is"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"this?"}]}
			]%s}""";

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
	void repliesWithTheLastUserMessageAndWordCounts() {
		HttpResponse<String> response = server.post("/v1/chat/completions", CONVERSATION.formatted("gpt-4o", ""));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
		JsonNode body = TestServer.json(response.body());
		assertThat(body.path("id").asString()).startsWith("chatcmpl-fake-");
		assertThat(body.path("object").asString()).isEqualTo("chat.completion");
		assertThat(body.path("created").asLong()).isPositive();
		assertThat(body.path("model").asString()).isEqualTo("gpt-4o");
		assertThat(body.path("system_fingerprint").asString()).isEqualTo("fp_fake");
		JsonNode choice = body.path("choices").get(0);
		assertThat(body.path("choices").size()).isEqualTo(1);
		assertThat(choice.path("index").asInt()).isZero();
		assertThat(choice.path("message").path("role").asString()).isEqualTo("assistant");
		assertThat(choice.path("message").path("content").asString()).isEqualTo("You said: what is this?");
		assertThat(choice.path("logprobs").isNull()).isTrue();
		assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
		// 3 + 2 + 2 + 3 prompt words; "You said: what is this?" is 5 words
		assertUsage(body, 10, 5);
	}

	@Test
	void repliesWithAGreetingWhenNoUserSpoke() {
		JsonNode body = chat("{\"model\":\"m\",\"messages\":[]}");
		assertThat(content(body, 0)).isEqualTo("Hello from the fake LLM server");
		assertUsage(body, 1, 6);
	}

	@Test
	void returnsNIdenticalChoices() {
		JsonNode body = chat(CONVERSATION.formatted("m", ",\"n\":3"));
		assertThat(body.path("choices").size()).isEqualTo(3);
		for (int i = 0; i < 3; i++) {
			assertThat(body.path("choices").get(i).path("index").asInt()).isEqualTo(i);
			assertThat(content(body, i)).isEqualTo("You said: what is this?");
		}
		assertUsage(body, 10, 15);
	}

	@Test
	void theReplyDirectiveFixesTheText() {
		JsonNode body = chat(CONVERSATION.formatted("fake-model;reply=Fixed answer here", ""));
		assertThat(body.path("model").asString()).isEqualTo("fake-model");
		assertThat(content(body, 0)).isEqualTo("Fixed answer here");
		assertUsage(body, 10, 3);
	}

	@Test
	void theEchoDirectiveRepliesWithTheRawBody() {
		String request = "{\"model\":\"m\",  \"messages\":[{\"role\":\"user\",\"content\":\"hi\"}], \"extra\":1}";
		JsonNode body = chat(request, "x-fake-echo", "1");
		assertThat(content(body, 0)).isEqualTo(request);
	}

	@Test
	void aHeaderDirectiveWinsOverTheModelName() {
		JsonNode body = chat(CONVERSATION.formatted("m;reply=from model", ""), "x-fake-reply", "from header");
		assertThat(content(body, 0)).isEqualTo("from header");
	}

	@Test
	void callsTheRequestedToolWhenToolsAreOffered() {
		String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]";
		JsonNode body = chat(CONVERSATION.formatted("m;tool_call=get_weather", tools));
		JsonNode choice = body.path("choices").get(0);
		assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
		assertThat(choice.path("message").path("content").isNull()).isTrue();
		JsonNode call = choice.path("message").path("tool_calls").get(0);
		assertThat(call.path("id").asString()).startsWith("call_fake_");
		assertThat(call.path("type").asString()).isEqualTo("function");
		assertThat(call.path("function").path("name").asString()).isEqualTo("get_weather");
		assertThat(call.path("function").path("arguments").asString()).isEqualTo("{}");
	}

	@Test
	void ignoresToolCallWithoutTools() {
		JsonNode body = chat(CONVERSATION.formatted("m;tool_call=get_weather", ""));
		assertThat(body.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
	}

	@Test
	void acceptsAzureDeploymentPaths() {
		HttpResponse<String> response = server.post(
				"/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21",
				"{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestServer.json(response.body()).path("model").asString()).isEqualTo("my-gpt");
		assertThat(server.post("/chat/completions", CONVERSATION.formatted("m", "")).statusCode()).isEqualTo(200);
	}

	@Test
	void theLatencyDirectiveDelaysTheReply() {
		long start = System.nanoTime();
		chat(CONVERSATION.formatted("m", ""), "x-fake-latency-ms", "150");
		assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
	}

	@Test
	void rejectsBodiesThatAreNotAJsonObject() {
		for (String bad : new String[] { "{\"model\":", "", "[1,2]", "not json" }) {
			HttpResponse<String> response = server.post("/v1/chat/completions", bad);
			assertThat(response.statusCode()).isEqualTo(400);
			JsonNode error = TestServer.json(response.body()).path("error");
			assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
			assertThat(error.path("message").asString()).isNotEmpty();
			assertThat(error.path("param").isNull()).isTrue();
			assertThat(error.path("code").isNull()).isTrue();
		}
	}

	static void assertUsage(JsonNode body, int prompt, int completion) {
		JsonNode usage = body.path("usage");
		assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(prompt);
		assertThat(usage.path("completion_tokens").asInt()).isEqualTo(completion);
		assertThat(usage.path("total_tokens").asInt()).isEqualTo(prompt + completion);
	}

	private static String content(JsonNode body, int choice) {
		return body.path("choices").get(choice).path("message").path("content").asString();
	}

	private static JsonNode chat(String request, String... headers) {
		HttpResponse<String> response = server.post("/v1/chat/completions", request, headers);
		assertThat(response.statusCode()).isEqualTo(200);
		return TestServer.json(response.body());
	}

}
