package dev.llmgw.fake.openai;

import java.nio.charset.StandardCharsets;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.JsonContent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the server-sent events of a streamed chat completion, one
 * {@code chat.completion.chunk} per frame.
 *
 * @see <a href="https://platform.openai.com/docs/api-reference/chat-streaming">The chat
 * completion chunk object</a>
 */
final class ChatChunkWriter {

	static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

	private final ChatReply reply;

	// OpenAI sends "usage": null on every chunk but the last when usage was asked for
	private final boolean includeUsage;

	ChatChunkWriter(ChatReply reply, boolean includeUsage) {
		this.reply = reply;
		this.includeUsage = includeUsage;
	}

	byte[] role(int index) {
		return chunk(index, (json) -> {
			json.writeStringProperty("role", "assistant");
			if (this.reply.toolCall() == null) {
				json.writeStringProperty("content", "");
				return;
			}
			json.writeNullProperty("content");
			json.writeArrayPropertyStart("tool_calls");
			json.writeStartObject();
			json.writeNumberProperty("index", 0);
			json.writeStringProperty("id", this.reply.toolCallId());
			json.writeStringProperty("type", "function");
			json.writeObjectPropertyStart("function");
			json.writeStringProperty("name", this.reply.toolCall());
			json.writeStringProperty("arguments", "");
			json.writeEndObject();
			json.writeEndObject();
			json.writeEndArray();
		}, null);
	}

	byte[] content(int index, String piece) {
		return chunk(index, (json) -> json.writeStringProperty("content", piece), null);
	}

	byte[] toolArguments(int index, String arguments) {
		return chunk(index, (json) -> {
			json.writeArrayPropertyStart("tool_calls");
			json.writeStartObject();
			json.writeNumberProperty("index", 0);
			json.writeObjectPropertyStart("function");
			json.writeStringProperty("arguments", arguments);
			json.writeEndObject();
			json.writeEndObject();
			json.writeEndArray();
		}, null);
	}

	byte[] finish(int index) {
		return chunk(index, (json) -> {
		}, this.reply.finishReason());
	}

	byte[] usage() {
		return Json.sseFrame((json) -> {
			writeHead(json);
			json.writeArrayPropertyStart("choices");
			json.writeEndArray();
			json.writeName("usage");
			ChatCompletionWriter.writeUsage(json, this.reply.usage());
			json.writeEndObject();
		});
	}

	private byte[] chunk(int index, JsonContent delta, @Nullable String finishReason) {
		return Json.sseFrame((json) -> {
			writeHead(json);
			json.writeArrayPropertyStart("choices");
			json.writeStartObject();
			json.writeNumberProperty("index", index);
			json.writeObjectPropertyStart("delta");
			delta.writeTo(json);
			json.writeEndObject();
			json.writeNullProperty("logprobs");
			json.writeStringProperty("finish_reason", finishReason);
			json.writeEndObject();
			json.writeEndArray();
			if (this.includeUsage) {
				json.writeNullProperty("usage");
			}
			json.writeEndObject();
		});
	}

	private void writeHead(JsonGenerator json) {
		json.writeStartObject();
		json.writeStringProperty("id", this.reply.id());
		json.writeStringProperty("object", "chat.completion.chunk");
		json.writeNumberProperty("created", this.reply.created());
		json.writeStringProperty("model", this.reply.model());
		json.writeStringProperty("system_fingerprint", ChatReply.FINGERPRINT);
	}

}
