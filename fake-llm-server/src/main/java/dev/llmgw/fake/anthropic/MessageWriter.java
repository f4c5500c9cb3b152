package dev.llmgw.fake.anthropic;

import dev.llmgw.fake.http.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a non-streamed Messages response, and the parts of it that the stream's
 * {@code message_start} shares.
 *
 * @see <a href="https://docs.anthropic.com/en/api/messages">Messages</a>
 */
final class MessageWriter {

	private MessageWriter() {
	}

	static byte[] write(MessageReply reply) {
		return Json.write((json) -> {
			writeHead(json, reply);
			json.writeArrayPropertyStart("content");
			if (reply.hasText()) {
				json.writeStartObject();
				json.writeStringProperty("type", "text");
				json.writeStringProperty("text", reply.completion().text());
				json.writeEndObject();
			}
			if (reply.toolCall() != null) {
				writeToolUse(json, reply);
				json.writeObjectPropertyStart("input");
				json.writeEndObject();
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeStringProperty("stop_reason", reply.stopReason());
			json.writeStringProperty("stop_sequence", stopSequence(reply));
			json.writeName("usage");
			writeUsage(json, reply.inputTokens(), reply.outputTokens());
			json.writeEndObject();
		});
	}

	static void writeHead(JsonGenerator json, MessageReply reply) {
		json.writeStartObject();
		json.writeStringProperty("id", reply.id());
		json.writeStringProperty("type", "message");
		json.writeStringProperty("role", "assistant");
		json.writeStringProperty("model", reply.model());
	}

	/**
	 * Opens a {@code tool_use} block and writes all but its {@code input}, which the
	 * stream sends as deltas and the plain reply as an object.
	 */
	static void writeToolUse(JsonGenerator json, MessageReply reply) {
		json.writeStartObject();
		json.writeStringProperty("type", "tool_use");
		json.writeStringProperty("id", reply.toolUseId());
		json.writeStringProperty("name", reply.toolCall());
	}

	static void writeUsage(JsonGenerator json, int inputTokens, int outputTokens) {
		json.writeStartObject();
		json.writeNumberProperty("input_tokens", inputTokens);
		json.writeNumberProperty("cache_creation_input_tokens", 0);
		json.writeNumberProperty("cache_read_input_tokens", 0);
		json.writeNumberProperty("output_tokens", outputTokens);
		json.writeEndObject();
	}

	static @Nullable String stopSequence(MessageReply reply) {
		return (reply.toolCall() != null) ? null : reply.completion().stopSequence();
	}

}
