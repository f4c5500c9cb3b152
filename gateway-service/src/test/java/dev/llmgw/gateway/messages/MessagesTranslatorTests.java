package dev.llmgw.gateway.messages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.support.Fixtures;
import dev.llmgw.model.anthropic.MessagesRequest;
import dev.llmgw.model.anthropic.MessagesResponse;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatCompletionRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The translators behind {@code /v1/messages}: the request golden file, the response and
 * the stream event order with a tool call after text.
 */
class MessagesTranslatorTests {

	static final Fixtures FIXTURES = new Fixtures("anthropic-openai");

	static final JsonMapper JSON = JsonMapper.builder()
		.disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	@Test
	void requestWithToolsImagesAndToolResults() {
		MessagesRequest request = JSON.readValue(FIXTURES.read("tools.input.json"), MessagesRequest.class);
		ChatCompletionRequest chat = new AnthropicToOpenAiRequestTranslator(JSON).translate(request);
		String actual = JSON.writeValueAsString(chat);
		FIXTURES.record("tools.expected.json", actual);
		assertThat(JSON.readTree(actual)).as(actual).isEqualTo(JSON.readTree(FIXTURES.read("tools.expected.json")));
	}

	@Test
	void anthropicsOwnToolTypesStayAsWrittenAndANamelessToolIsRefused() {
		MessagesRequest request = JSON.readValue("""
				{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],
				 "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":2},
				          {"name":"f","input_schema":{"type":"object"}}],
				 "tool_choice":{"type":"tool","name":"f","disable_parallel_tool_use":true}}""", MessagesRequest.class);
		ChatCompletionRequest chat = new AnthropicToOpenAiRequestTranslator(JSON).translate(request);
		assertThat(JSON.readTree(JSON.writeValueAsString(chat)).get("tools")).isEqualTo(JSON.readTree("""
				[{"type":"web_search_20250305","name":"web_search","max_uses":2},
				 {"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]"""));
		assertThat(chat.toolChoice().functionName()).isEqualTo("f");
		assertThat(chat.extra()).containsEntry("parallel_tool_calls", false);
		MessagesRequest nameless = JSON.readValue("""
				{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],
				 "tools":[{"input_schema":{"type":"object"}}]}""", MessagesRequest.class);
		assertThatThrownBy(() -> new AnthropicToOpenAiRequestTranslator(JSON).translate(nameless))
			.isInstanceOf(BadRequestError.class)
			.hasMessageContaining("tools.0.name");
	}

	@Test
	void aToolCallWhoseArgumentsAreNoObjectHasAnEmptyInput() {
		ChatCompletion completion = JSON.readValue(
				"""
						{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"finish_reason":"tool_calls",
						 "message":{"role":"assistant","content":null,"tool_calls":[{"id":"t","type":"function",
						 "function":{"name":"f","arguments":"null"}}]}}]}""",
				ChatCompletion.class);
		MessagesResponse response = new OpenAiToAnthropicResponseTranslator(JSON).translate(completion, "m");
		assertThat(JSON.readTree(JSON.writeValueAsString(response)).at("/content/0/input").toString()).isEqualTo("{}");
	}

	@Test
	void responseWithTextToolCallsAndCachedUsage() {
		ChatCompletion completion = JSON.readValue(
				"""
						{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o",
						 "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":"Sure.",
						   "tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\\"a\\":1}"}}]}}],
						 "usage":{"prompt_tokens":100,"completion_tokens":7,"total_tokens":107,
						   "prompt_tokens_details":{"cached_tokens":60}}}""",
				ChatCompletion.class);
		MessagesResponse response = new OpenAiToAnthropicResponseTranslator(JSON).translate(completion, "my-model");
		JsonNode json = JSON.valueToTree(response);
		assertThat(json.get("id").asString()).isEqualTo("msg_chatcmpl-1");
		assertThat(json.get("model").asString()).isEqualTo("my-model");
		assertThat(json.get("stop_reason").asString()).isEqualTo("tool_use");
		assertThat(json.get("content").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"Sure.\"},"
				+ "{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"f\",\"input\":{\"a\":1}}]");
		assertThat(json.get("usage").toString()).isEqualTo("{\"input_tokens\":40,\"output_tokens\":7,"
				+ "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":60}");
	}

	@Test
	void streamOpensAndClosesBlocksInOrder() {
		OpenAiToAnthropicStreamTranslator translator = new OpenAiToAnthropicStreamTranslator(JSON, "msg_1", "m");
		List<String> events = new ArrayList<>();
		for (String data : List.of(
				"{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
				"{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}",
				"{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
						+ "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}",
				"{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
						+ "\"function\":{\"arguments\":\"{\\\"a\\\":1}\"}}]}}]}",
				"{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
				"{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"total_tokens\":13}}",
				"[DONE]")) {
			for (byte[] event : translator.onFrame(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8))) {
				events.add(new String(event, StandardCharsets.UTF_8));
			}
		}
		assertThat(translator.onEnd()).isEmpty();
		assertThat(events).extracting((event) -> event.substring("event: ".length(), event.indexOf('\n')))
			.containsExactly("message_start", "content_block_start", "content_block_delta", "content_block_stop",
					"content_block_start", "content_block_delta", "content_block_stop", "message_delta",
					"message_stop");
		assertThat(events.get(4)).contains("\"index\":1")
			.contains("\"content_block\":{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"f\",\"input\":{}}");
		assertThat(events.get(5)).contains("\"partial_json\":\"{\\\"a\\\":1}\"");
		assertThat(events.get(7)).contains("\"stop_reason\":\"tool_use\"")
			.contains("\"output_tokens\":4")
			.contains("\"input_tokens\":9");
		assertThat(events).allSatisfy((event) -> assertThat(event).endsWith("\n\n"));
	}

}
