package dev.llmgw.middleware.history;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shapes history works with: a streamed reply added up into the message a
 * non-streamed answer carries, tool calls included; stored and new messages merged with
 * one system prompt; stored OpenAI messages told in the Converse API's shape.
 */
class HistoryShapesTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void aStreamedReplyWithToolCallsAddsUpToOneMessage() {
		ReplyAccumulator reply = new ReplyAccumulator();
		for (String chunk : List.of(
				"{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Let me \"}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"check.\"}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
						+ "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"ci\"}}]}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\":\\\"Oslo\\\"}\"}}]}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\",\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
				"{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5}}")) {
			reply.add(this.mapper.readTree(chunk));
		}
		JsonNode message = reply.message(this.mapper);
		assertThat(message.path("role").asString()).isEqualTo("assistant");
		assertThat(message.path("content").asString()).isEqualTo("Let me check.");
		assertThat(message.path("tool_calls")).hasSize(2);
		assertThat(message.path("tool_calls").path(0).path("id").asString()).isEqualTo("call_1");
		assertThat(message.path("tool_calls").path(0).path("function").path("name").asString())
			.isEqualTo("get_weather");
		assertThat(message.path("tool_calls").path(0).path("function").path("arguments").asString())
			.isEqualTo("{\"city\":\"Oslo\"}");
		assertThat(message.path("tool_calls").path(1).path("function").path("name").asString()).isEqualTo("get_time");
	}

	@Test
	void withSeveralChoicesTheFirstIsTheReply() {
		ReplyAccumulator reply = new ReplyAccumulator();
		reply.add(this.mapper.readTree("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"one\"}},"
				+ "{\"index\":1,\"delta\":{\"content\":\"two\"}}]}"));
		reply.add(this.mapper.readTree("{\"choices\":[{\"index\":1,\"delta\":{\"content\":\" more\"}}]}"));
		reply.add(this.mapper.readTree("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" done\"}}]}"));
		assertThat(reply.message(this.mapper).path("content").asString()).isEqualTo("one done");
	}

	@Test
	void theCallsSystemPromptWinsAndAppearsOnce() {
		List<JsonNode> stored = messages("""
				[{"role": "system", "content": "old"}, {"role": "user", "content": "a"},
				 {"role": "assistant", "content": "b"}]""");
		assertThat(roles(Conversation.merge(stored, messages("[{\"role\": \"user\", \"content\": \"c\"}]"))))
			.containsExactly("system:old", "user:a", "assistant:b", "user:c");
		assertThat(roles(Conversation.merge(stored, messages("""
				[{"role": "developer", "content": "new"}, {"role": "user", "content": "c"}]"""))))
			.containsExactly("developer:new", "user:a", "assistant:b", "user:c");
	}

	@Test
	void storedMessagesInTheConverseShape() {
		JsonNode converse = new BedrockMessages(this.mapper).of(messages("""
				[{"role": "system", "content": "Be brief"},
				 {"role": "user", "content": [{"type": "text", "text": "What is this?"},
				   {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}]},
				 {"role": "assistant", "content": null, "tool_calls": [
				   {"id": "t1", "type": "function", "function": {"name": "look", "arguments": "{\\"zoom\\": 2}"}},
				   {"id": "t2", "type": "function", "function": {"name": "measure", "arguments": ""}}]},
				 {"role": "tool", "tool_call_id": "t1", "content": "a cat"},
				 {"role": "tool", "tool_call_id": "t2", "content": "30 cm"},
				 {"role": "user", "content": "Thanks."},
				 {"role": "assistant", "content": "A cat, 30 cm long."}]"""));
		assertThat(converse.path("system").path(0).path("text").asString()).isEqualTo("Be brief");
		JsonNode messages = converse.path("messages");
		assertThat(messages).hasSize(4);
		assertThat(messages.path(0).path("content").path(0).path("text").asString()).isEqualTo("What is this?");
		assertThat(messages.path(0).path("content").path(1).path("image").path("format").asString()).isEqualTo("png");
		assertThat(messages.path(0).path("content").path(1).path("image").path("source").path("bytes").asString())
			.isEqualTo("iVBORw0KGgo=");
		JsonNode uses = messages.path(1).path("content");
		assertThat(uses.path(0).path("toolUse").path("name").asString()).isEqualTo("look");
		assertThat(uses.path(0).path("toolUse").path("input").path("zoom").asInt()).isEqualTo(2);
		assertThat(uses.path(1).path("toolUse").path("input").isObject()).isTrue();
		JsonNode results = messages.path(2);
		assertThat(results.path("role").asString()).as("both tool results in one user turn").isEqualTo("user");
		assertThat(results.path("content")).as("both tool results and the user's words in one user turn").hasSize(3);
		assertThat(results.path("content").path(2).path("text").asString()).isEqualTo("Thanks.");
		assertThat(results.path("content").path(1).path("toolResult").path("toolUseId").asString()).isEqualTo("t2");
		assertThat(results.path("content").path(1).path("toolResult").path("content").path(0).path("text").asString())
			.isEqualTo("30 cm");
		assertThat(messages.path(3).path("content").path(0).path("text").asString()).isEqualTo("A cat, 30 cm long.");
	}

	private List<JsonNode> messages(String json) {
		List<JsonNode> messages = new ArrayList<>();
		this.mapper.readTree(json).forEach(messages::add);
		return messages;
	}

	private static List<String> roles(List<JsonNode> messages) {
		return messages.stream()
			.map((message) -> message.path("role").asString() + ":" + message.path("content").asString())
			.toList();
	}

}
