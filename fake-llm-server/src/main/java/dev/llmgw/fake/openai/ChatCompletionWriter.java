package dev.llmgw.fake.openai;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.reply.TokenUsage;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a non-streamed {@code chat.completion} object.
 *
 * @see <a href="https://platform.openai.com/docs/api-reference/chat/object">The chat
 * completion object</a>
 */
final class ChatCompletionWriter {

	private ChatCompletionWriter() {
	}

	static byte[] write(ChatReply reply) {
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("id", reply.id());
			json.writeStringProperty("object", "chat.completion");
			json.writeNumberProperty("created", reply.created());
			json.writeStringProperty("model", reply.model());
			json.writeStringProperty("system_fingerprint", ChatReply.FINGERPRINT);
			json.writeArrayPropertyStart("choices");
			for (int index = 0; index < reply.choices(); index++) {
				writeChoice(json, reply, index);
			}
			json.writeEndArray();
			json.writeName("usage");
			writeUsage(json, reply.usage());
			json.writeEndObject();
		});
	}

	static void writeUsage(JsonGenerator json, TokenUsage usage) {
		json.writeStartObject();
		json.writeNumberProperty("prompt_tokens", usage.promptTokens());
		json.writeNumberProperty("completion_tokens", usage.completionTokens());
		json.writeNumberProperty("total_tokens", usage.totalTokens());
		json.writeEndObject();
	}

	private static void writeChoice(JsonGenerator json, ChatReply reply, int index) {
		json.writeStartObject();
		json.writeNumberProperty("index", index);
		json.writeObjectPropertyStart("message");
		json.writeStringProperty("role", "assistant");
		if (reply.toolCall() != null) {
			json.writeNullProperty("content");
			json.writeArrayPropertyStart("tool_calls");
			writeToolCall(json, reply, "{}");
			json.writeEndArray();
		}
		else {
			json.writeStringProperty("content", reply.content());
		}
		json.writeEndObject();
		json.writeNullProperty("logprobs");
		json.writeStringProperty("finish_reason", reply.finishReason());
		json.writeEndObject();
	}

	private static void writeToolCall(JsonGenerator json, ChatReply reply, String arguments) {
		json.writeStartObject();
		json.writeStringProperty("id", reply.toolCallId());
		json.writeStringProperty("type", "function");
		json.writeObjectPropertyStart("function");
		json.writeStringProperty("name", reply.toolCall());
		json.writeStringProperty("arguments", arguments);
		json.writeEndObject();
		json.writeEndObject();
	}

}
