package dev.llmgw.fake.cohere;

import java.net.http.HttpResponse;
import java.util.List;

import dev.llmgw.fake.StreamResult;
import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CohereChatRouteTests {

	// 3 + 2 + 2 + 3 words: 10 prompt tokens
	static final String CONVERSATION = """
			{"model":"%s","messages":[
			  {"role":"system","content":"You are terse."},
			  {"role":"user","content":"first question"},
			  {"role":"assistant","content":[{"type":"text","text":"first answer"}]},
			  {"role":"user","content":[{"type":"text","text":"what is this?"}]}
			]%s}""";

	static final String TOOLS = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{}}}]";

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
	void repliesWithBilledAndModelTokens() {
		JsonNode body = chat(CONVERSATION.formatted("command-r-plus", ""));
		assertThat(body.path("id").asString()).startsWith("fake-chat-");
		assertThat(body.path("finish_reason").asString()).isEqualTo("COMPLETE");
		JsonNode message = body.path("message");
		assertThat(message.path("role").asString()).isEqualTo("assistant");
		assertThat(message.path("content").get(0).path("type").asString()).isEqualTo("text");
		assertThat(message.path("content").get(0).path("text").asString()).isEqualTo("You said: what is this?");
		for (String counts : new String[] { "billed_units", "tokens" }) {
			assertThat(body.path("usage").path(counts).path("input_tokens").asInt()).isEqualTo(10);
			assertThat(body.path("usage").path(counts).path("output_tokens").asInt()).isEqualTo(5);
		}
	}

	@Test
	void stopsAtMaxTokensAndStopSequences() {
		assertThat(chat(CONVERSATION.formatted("c;reply=a b c", ",\"max_tokens\":1")).path("finish_reason").asString())
			.isEqualTo("MAX_TOKENS");
		JsonNode stopped = chat(CONVERSATION.formatted("c;reply=a b c", ",\"stop_sequences\":[\"b\"]"));
		assertThat(stopped.path("finish_reason").asString()).isEqualTo("STOP_SEQUENCE");
		assertThat(stopped.path("message").path("content").get(0).path("text").asString()).isEqualTo("a ");
	}

	@Test
	void callsTheNamedToolWithAToolPlan() {
		JsonNode body = chat(CONVERSATION.formatted("c;tool_call=lookup", TOOLS));
		assertThat(body.path("finish_reason").asString()).isEqualTo("TOOL_CALL");
		JsonNode message = body.path("message");
		assertThat(message.path("tool_plan").asString()).isEqualTo("I will use the lookup tool.");
		JsonNode call = message.path("tool_calls").get(0);
		assertThat(call.path("id").asString()).startsWith("lookup_fake_");
		assertThat(call.path("type").asString()).isEqualTo("function");
		assertThat(call.path("function").path("name").asString()).isEqualTo("lookup");
		assertThat(call.path("function").path("arguments").asString()).isEqualTo("{}");
	}

	@Test
	void streamsNamedEvents() throws Exception {
		StreamResult stream = server.stream("/v2/chat",
				CONVERSATION.formatted("c;reply=one two three;chunks=3", ",\"stream\":true"));
		assertThat(stream.events()).containsExactly("message-start", "content-start", "content-delta", "content-delta",
				"content-delta", "content-end", "message-end");
		List<JsonNode> data = stream.chunks();
		for (int i = 0; i < data.size(); i++) {
			assertThat(data.get(i).path("type").asString()).isEqualTo(stream.events().get(i));
		}
		assertThat(data.get(0).path("delta").path("message").path("role").asString()).isEqualTo("assistant");
		assertThat(data.get(2).path("delta").path("message").path("content").path("text").asString()).isEqualTo("one ");
		JsonNode end = data.get(6).path("delta");
		assertThat(end.path("finish_reason").asString()).isEqualTo("COMPLETE");
		assertThat(end.path("usage").path("billed_units").path("output_tokens").asInt()).isEqualTo(3);
	}

	@Test
	void streamsAToolCall() throws Exception {
		StreamResult stream = server.stream("/v2/chat",
				CONVERSATION.formatted("c;tool_call=lookup;no_usage", TOOLS + ",\"stream\":true"));
		assertThat(stream.events()).containsExactly("message-start", "tool-plan-delta", "tool-call-start",
				"tool-call-delta", "tool-call-end", "message-end");
		List<JsonNode> data = stream.chunks();
		JsonNode start = data.get(2).path("delta").path("message").path("tool_calls");
		assertThat(start.path("function").path("name").asString()).isEqualTo("lookup");
		assertThat(data.get(3)
			.path("delta")
			.path("message")
			.path("tool_calls")
			.path("function")
			.path("arguments")
			.asString()).isEqualTo("{}");
		assertThat(data.get(5).path("delta").path("finish_reason").asString()).isEqualTo("TOOL_CALL");
		assertThat(data.get(5).path("delta").has("usage")).isFalse();
	}

	@Test
	void dropsTheStreamAfterErrorAfterChunks() throws Exception {
		StreamResult stream = server.stream("/v2/chat",
				CONVERSATION.formatted("c;error_after_chunks=1", ",\"stream\":true"));
		assertThat(stream.events()).containsExactly("message-start", "content-start", "content-delta");
		assertThat(stream.complete()).isFalse();
	}

	@Test
	void rendersErrorsAsAMessageWithTheStatus() {
		assertError("c;error=400", 400, "invalid request");
		assertError("c;error=401", 401, "invalid api token");
		assertError("c;error=404", 404, "model not found");
		assertError("c;error=500", 500, "internal server error");
		assertError("c;error=context", 400, "too many tokens");
		HttpResponse<String> limited = assertError("c;error=429", 429, "Trial key");
		assertThat(limited.headers().firstValue("retry-after")).hasValue("1");
		assertThat(server.post("/v2/chat", "{\"messages\":[]}").statusCode()).isEqualTo(400);
	}

	private static HttpResponse<String> assertError(String model, int status, String message) {
		HttpResponse<String> response = server.post("/v2/chat", CONVERSATION.formatted(model, ""));
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(TestServer.json(response.body()).path("message").asString()).contains(message);
		return response;
	}

	private static JsonNode chat(String request) {
		HttpResponse<String> response = server.post("/v2/chat", request);
		assertThat(response.statusCode()).isEqualTo(200);
		return TestServer.json(response.body());
	}

}
