package dev.llmgw.fake.anthropic;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicMessagesRouteTests {

	// 3 system words, 2 + 2 + 3 message words and 2 tool-result words: 12 prompt tokens
	static final String CONVERSATION = """
			{"model":"%s","max_tokens":%d,"system":[{"type":"text","text":"You are terse."}],
			 "messages":[
			  {"role":"user","content":"first question"},
			  {"role":"assistant","content":[{"type":"text","text":"first answer"},
			    {"type":"tool_use","id":"toolu_1","name":"lookup","input":{"q":"x"}}]},
			  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"result text"},
			    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
			    {"type":"text","text":"what is this?"}]}
			 ]%s}""";

	static final String TOOLS = ",\"tools\":[{\"name\":\"lookup\",\"input_schema\":{\"type\":\"object\"}}]";

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
	void repliesWithTheLastUserTextAndWordCounts() {
		HttpResponse<String> response = server.post("/v1/messages",
				CONVERSATION.formatted("claude-sonnet-4-5", 100, ""), "anthropic-version", "2023-06-01");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
		JsonNode body = TestServer.json(response.body());
		assertThat(body.path("id").asString()).startsWith("msg_fake_");
		assertThat(body.path("type").asString()).isEqualTo("message");
		assertThat(body.path("role").asString()).isEqualTo("assistant");
		assertThat(body.path("model").asString()).isEqualTo("claude-sonnet-4-5");
		assertThat(body.path("content").size()).isEqualTo(1);
		assertThat(body.path("content").get(0).path("type").asString()).isEqualTo("text");
		assertThat(body.path("content").get(0).path("text").asString()).isEqualTo("You said: what is this?");
		assertThat(body.path("stop_reason").asString()).isEqualTo("end_turn");
		assertThat(body.path("stop_sequence").isNull()).isTrue();
		JsonNode usage = body.path("usage");
		assertThat(usage.path("input_tokens").asInt()).isEqualTo(12);
		assertThat(usage.path("output_tokens").asInt()).isEqualTo(5);
		assertThat(usage.path("cache_creation_input_tokens").asInt()).isZero();
		assertThat(usage.path("cache_read_input_tokens").asInt()).isZero();
	}

	@Test
	void stopsAtMaxTokensAndAtStopSequences() {
		JsonNode cut = message(CONVERSATION.formatted("m;reply=one two three four", 2, ""));
		assertThat(cut.path("content").get(0).path("text").asString()).isEqualTo("one two");
		assertThat(cut.path("stop_reason").asString()).isEqualTo("max_tokens");
		assertThat(cut.path("usage").path("output_tokens").asInt()).isEqualTo(2);
		JsonNode stopped = message(
				CONVERSATION.formatted("m;reply=one two END three", 100, ",\"stop_sequences\":[\"END\"]"));
		assertThat(stopped.path("content").get(0).path("text").asString()).isEqualTo("one two ");
		assertThat(stopped.path("stop_reason").asString()).isEqualTo("stop_sequence");
		assertThat(stopped.path("stop_sequence").asString()).isEqualTo("END");
	}

	@Test
	void callsTheNamedToolWhenToolsAreOffered() {
		JsonNode body = message(CONVERSATION.formatted("m;tool_call=lookup", 100, TOOLS));
		assertThat(body.path("content").size()).isEqualTo(1);
		JsonNode toolUse = body.path("content").get(0);
		assertThat(toolUse.path("type").asString()).isEqualTo("tool_use");
		assertThat(toolUse.path("id").asString()).startsWith("toolu_fake_");
		assertThat(toolUse.path("name").asString()).isEqualTo("lookup");
		assertThat(toolUse.path("input").isObject()).isTrue();
		assertThat(body.path("stop_reason").asString()).isEqualTo("tool_use");
		JsonNode withText = message(CONVERSATION.formatted("m;tool_call=lookup;reply=Let me look.", 100, TOOLS));
		assertThat(withText.path("content").get(0).path("text").asString()).isEqualTo("Let me look.");
		assertThat(withText.path("content").get(1).path("type").asString()).isEqualTo("tool_use");
		JsonNode noTools = message(CONVERSATION.formatted("m;tool_call=lookup", 100, ""));
		assertThat(noTools.path("stop_reason").asString()).isEqualTo("end_turn");
	}

	@Test
	void echoesTheRequest() {
		String request = CONVERSATION.formatted("m;echo", 100, "");
		assertThat(message(request).path("content").get(0).path("text").asString()).isEqualTo(request);
	}

	@Test
	void requiresMaxTokens() {
		HttpResponse<String> response = server.post("/v1/messages",
				"{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode body = TestServer.json(response.body());
		assertThat(body.path("type").asString()).isEqualTo("error");
		assertThat(body.path("error").path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(body.path("error").path("message").asString()).isEqualTo("max_tokens: Field required");
		assertThat(server.post("/v1/messages", "not json").statusCode()).isEqualTo(400);
	}

	private static JsonNode message(String request) {
		HttpResponse<String> response = server.post("/v1/messages", request);
		assertThat(response.statusCode()).isEqualTo(200);
		return TestServer.json(response.body());
	}

}
