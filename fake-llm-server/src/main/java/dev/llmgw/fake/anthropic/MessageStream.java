package dev.llmgw.fake.anthropic;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.JsonContent;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.reply.Words;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Streams a message as Anthropic does: {@code message_start}, a {@code ping}, each
 * content block as start, deltas and stop, then {@code message_delta} with the stop
 * reason and output tokens, and {@code message_stop}. A failure after
 * {@code error_after_chunks} deltas is an {@code error} event, as Anthropic sends an
 * overload that strikes mid-stream, and ends the stream.
 *
 * @see <a href="https://docs.anthropic.com/en/docs/build-with-claude/streaming">Streaming
 * messages</a>
 */
final class MessageStream {

	private final MessageReply reply;

	private final boolean usage;

	private final List<byte[]> frames = new ArrayList<>();

	private int deltasLeft;

	private MessageStream(MessageReply reply, Directives directives) {
		this.reply = reply;
		this.usage = !directives.noUsage();
		this.deltasLeft = (directives.errorAfterChunks() >= 0) ? directives.errorAfterChunks() : Integer.MAX_VALUE;
	}

	/**
	 * @param midStreamError the error to end with after {@code error_after_chunks}
	 * deltas, or null for Anthropic's usual {@code overloaded_error}
	 */
	static Mono<Void> send(HttpServerResponse response, MessageReply reply, Directives directives,
			@Nullable FakeError midStreamError) {
		MessageStream stream = new MessageStream(reply, directives);
		boolean complete = stream.build(Words.split(reply.completion().text(), directives.chunks()));
		if (!complete) {
			stream.frames.add(AnthropicErrors.event(midStreamError, reply.inputTokens()));
		}
		return Replies.after(directives.latencyMs(),
				() -> Replies.eventStream(response, Replies.paced(stream.frames, directives.chunkDelayMs())));
	}

	/**
	 * @return false when the deltas ran out for {@code error_after_chunks}
	 */
	private boolean build(List<String> pieces) {
		event("message_start", (json) -> {
			json.writeName("message");
			MessageWriter.writeHead(json, this.reply);
			json.writeArrayPropertyStart("content");
			json.writeEndArray();
			json.writeNullProperty("stop_reason");
			json.writeNullProperty("stop_sequence");
			if (this.usage) {
				json.writeName("usage");
				MessageWriter.writeUsage(json, this.reply.inputTokens(), 1);
			}
			json.writeEndObject();
		});
		event("ping", (json) -> {
		});
		int index = 0;
		if (this.reply.hasText()) {
			blockStart(index, (json) -> {
				json.writeStartObject();
				json.writeStringProperty("type", "text");
				json.writeStringProperty("text", "");
				json.writeEndObject();
			});
			for (String piece : pieces) {
				if (!delta(index, "text_delta", "text", piece)) {
					return false;
				}
			}
			blockStop(index++);
		}
		if (this.reply.toolCall() != null) {
			blockStart(index, (json) -> {
				MessageWriter.writeToolUse(json, this.reply);
				json.writeObjectPropertyStart("input");
				json.writeEndObject();
				json.writeEndObject();
			});
			if (!delta(index, "input_json_delta", "partial_json", MessageReply.TOOL_INPUT)) {
				return false;
			}
			blockStop(index);
		}
		event("message_delta", (json) -> {
			json.writeObjectPropertyStart("delta");
			json.writeStringProperty("stop_reason", this.reply.stopReason());
			json.writeStringProperty("stop_sequence", MessageWriter.stopSequence(this.reply));
			json.writeEndObject();
			if (this.usage) {
				json.writeObjectPropertyStart("usage");
				json.writeNumberProperty("output_tokens", this.reply.outputTokens());
				json.writeEndObject();
			}
		});
		event("message_stop", (json) -> {
		});
		return true;
	}

	private void blockStart(int index, JsonContent block) {
		event("content_block_start", (json) -> {
			json.writeNumberProperty("index", index);
			json.writeName("content_block");
			block.writeTo(json);
		});
	}

	private boolean delta(int index, String type, String field, String value) {
		if (this.deltasLeft-- <= 0) {
			return false;
		}
		event("content_block_delta", (json) -> {
			json.writeNumberProperty("index", index);
			json.writeObjectPropertyStart("delta");
			json.writeStringProperty("type", type);
			json.writeStringProperty(field, value);
			json.writeEndObject();
		});
		return true;
	}

	private void blockStop(int index) {
		event("content_block_stop", (json) -> json.writeNumberProperty("index", index));
	}

	private void event(String type, JsonContent fields) {
		this.frames.add(Json.sseEvent(type, (json) -> {
			json.writeStartObject();
			json.writeStringProperty("type", type);
			fields.writeTo(json);
			json.writeEndObject();
		}));
	}

}
