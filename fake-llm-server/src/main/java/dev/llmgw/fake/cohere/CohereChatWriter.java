package dev.llmgw.fake.cohere;

import dev.llmgw.fake.http.Json;

/**
 * Writes a non-streamed v2 chat response.
 *
 * @see <a href="https://docs.cohere.com/reference/chat">Chat</a>
 */
final class CohereChatWriter {

	private CohereChatWriter() {
	}

	static byte[] write(CohereChatReply reply) {
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("id", reply.id());
			json.writeStringProperty("finish_reason", reply.finishReason());
			json.writeObjectPropertyStart("message");
			json.writeStringProperty("role", "assistant");
			if (reply.toolCall() != null) {
				json.writeStringProperty("tool_plan", reply.completion().text());
				json.writeArrayPropertyStart("tool_calls");
				json.writeStartObject();
				json.writeStringProperty("id", reply.toolCallId());
				json.writeStringProperty("type", "function");
				json.writeObjectPropertyStart("function");
				json.writeStringProperty("name", reply.toolCall());
				json.writeStringProperty("arguments", CohereChatReply.TOOL_ARGUMENTS);
				json.writeEndObject();
				json.writeEndObject();
				json.writeEndArray();
			}
			else {
				json.writeArrayPropertyStart("content");
				json.writeStartObject();
				json.writeStringProperty("type", "text");
				json.writeStringProperty("text", reply.completion().text());
				json.writeEndObject();
				json.writeEndArray();
			}
			json.writeEndObject();
			json.writeName("usage");
			reply.usage().writeTo(json);
			json.writeEndObject();
		});
	}

}
