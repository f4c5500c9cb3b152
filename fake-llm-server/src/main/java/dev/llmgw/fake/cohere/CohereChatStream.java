package dev.llmgw.fake.cohere;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.JsonContent;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.reply.Words;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Streams a v2 chat answer as Cohere does: {@code message-start}, then either the text as
 * {@code content-start}, {@code content-delta}s and {@code content-end}, or the tool plan
 * and the call as {@code tool-plan-delta} and {@code tool-call-start}/{@code -delta}/
 * {@code -end}, then {@code message-end} with the finish reason and usage. After
 * {@code error_after_chunks} deltas the connection drops.
 *
 * @see <a href="https://docs.cohere.com/docs/streaming">Streaming responses</a>
 */
final class CohereChatStream {

	private final CohereChatReply reply;

	private final List<byte[]> frames = new ArrayList<>();

	private CohereChatStream(CohereChatReply reply) {
		this.reply = reply;
	}

	static Mono<Void> send(HttpServerResponse response, CohereChatReply reply, Directives directives) {
		CohereChatStream stream = new CohereChatStream(reply);
		List<String> pieces = Words.split(reply.completion().text(), directives.chunks());
		int deltas = (reply.toolCall() != null) ? 2 : pieces.size();
		boolean drop = directives.errorAfterChunks() >= 0 && directives.errorAfterChunks() < deltas;
		stream.build(pieces, drop ? directives.errorAfterChunks() : Integer.MAX_VALUE, !directives.noUsage());
		Flux<byte[]> paced = Replies.paced(stream.frames, directives.chunkDelayMs());
		return Replies.after(directives.latencyMs(),
				() -> drop ? Replies.eventStreamThenDrop(response, paced) : Replies.eventStream(response, paced));
	}

	private void build(List<String> pieces, int deltaLimit, boolean usage) {
		event("message-start", (json) -> {
			json.writeStringProperty("id", this.reply.id());
			json.writeObjectPropertyStart("delta");
			json.writeObjectPropertyStart("message");
			json.writeStringProperty("role", "assistant");
			json.writeEndObject();
			json.writeEndObject();
		});
		int deltas = 0;
		if (this.reply.toolCall() != null) {
			if (deltas++ >= deltaLimit) {
				return;
			}
			delta("tool-plan-delta", -1,
					(json) -> json.writeStringProperty("tool_plan", this.reply.completion().text()));
			delta("tool-call-start", 0, (json) -> {
				json.writeObjectPropertyStart("tool_calls");
				json.writeStringProperty("id", this.reply.toolCallId());
				json.writeStringProperty("type", "function");
				json.writeObjectPropertyStart("function");
				json.writeStringProperty("name", this.reply.toolCall());
				json.writeStringProperty("arguments", "");
				json.writeEndObject();
				json.writeEndObject();
			});
			if (deltas >= deltaLimit) {
				return;
			}
			delta("tool-call-delta", 0, (json) -> {
				json.writeObjectPropertyStart("tool_calls");
				json.writeObjectPropertyStart("function");
				json.writeStringProperty("arguments", CohereChatReply.TOOL_ARGUMENTS);
				json.writeEndObject();
				json.writeEndObject();
			});
			event("tool-call-end", (json) -> json.writeNumberProperty("index", 0));
		}
		else {
			delta("content-start", 0, (json) -> {
				json.writeObjectPropertyStart("content");
				json.writeStringProperty("type", "text");
				json.writeStringProperty("text", "");
				json.writeEndObject();
			});
			for (String piece : pieces) {
				if (deltas++ >= deltaLimit) {
					return;
				}
				delta("content-delta", 0, (json) -> {
					json.writeObjectPropertyStart("content");
					json.writeStringProperty("text", piece);
					json.writeEndObject();
				});
			}
			event("content-end", (json) -> json.writeNumberProperty("index", 0));
		}
		event("message-end", (json) -> {
			json.writeObjectPropertyStart("delta");
			json.writeStringProperty("finish_reason", this.reply.finishReason());
			if (usage) {
				json.writeName("usage");
				this.reply.usage().writeTo(json);
			}
			json.writeEndObject();
		});
	}

	/**
	 * An event whose payload is {@code delta.message}, at a content index (or none, -1).
	 */
	private void delta(String type, int index, JsonContent message) {
		event(type, (json) -> {
			if (index >= 0) {
				json.writeNumberProperty("index", index);
			}
			json.writeObjectPropertyStart("delta");
			json.writeObjectPropertyStart("message");
			message.writeTo(json);
			json.writeEndObject();
			json.writeEndObject();
		});
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
