package dev.llmgw.fake.bedrock;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.reply.Words;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Streams a Converse answer as ConverseStream does, one event-stream frame per write:
 * {@code messageStart}; the text as {@code contentBlockDelta}s and a
 * {@code contentBlockStop}; a tool use as {@code contentBlockStart}, an input delta and a
 * stop; {@code messageStop} with the stop reason; and {@code metadata} with usage. After
 * {@code error_after_chunks} deltas comes an exception frame instead.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html">ConverseStreamOutput</a>
 */
final class ConverseStream {

	private final ConverseReply reply;

	private final List<byte[]> frames = new ArrayList<>();

	private int deltasLeft;

	private ConverseStream(ConverseReply reply, Directives directives) {
		this.reply = reply;
		this.deltasLeft = (directives.errorAfterChunks() >= 0) ? directives.errorAfterChunks() : Integer.MAX_VALUE;
	}

	/**
	 * @param midStreamError the failure to end with after {@code error_after_chunks}
	 * deltas, or null for a model stream error
	 */
	static Mono<Void> send(HttpServerResponse response, ConverseReply reply, Directives directives,
			@Nullable FakeError midStreamError) {
		ConverseStream stream = new ConverseStream(reply, directives);
		if (!stream.build(Words.split(reply.completion().text(), directives.chunks()), !directives.noUsage())) {
			stream.frames.add(BedrockErrors.streamException(midStreamError));
		}
		return Replies.after(directives.latencyMs(), () -> Replies.stream(response, EventFrames.CONTENT_TYPE,
				Replies.paced(stream.frames, directives.chunkDelayMs())));
	}

	/**
	 * @return false when the deltas ran out for {@code error_after_chunks}
	 */
	private boolean build(List<String> pieces, boolean usage) {
		this.frames.add(EventFrames.event("messageStart", (json) -> {
			json.writeStartObject();
			json.writeStringProperty("role", "assistant");
			json.writeEndObject();
		}));
		int index = 0;
		if (this.reply.hasText()) {
			for (String piece : pieces) {
				if (!delta(index, "text", piece)) {
					return false;
				}
			}
			blockStop(index++);
		}
		if (this.reply.toolCall() != null) {
			int toolIndex = index;
			this.frames.add(EventFrames.event("contentBlockStart", (json) -> {
				json.writeStartObject();
				json.writeNumberProperty("contentBlockIndex", toolIndex);
				json.writeObjectPropertyStart("start");
				json.writeObjectPropertyStart("toolUse");
				json.writeStringProperty("toolUseId", this.reply.toolUseId());
				json.writeStringProperty("name", this.reply.toolCall());
				json.writeEndObject();
				json.writeEndObject();
				json.writeEndObject();
			}));
			if (!delta(toolIndex, "toolUse", ConverseReply.TOOL_INPUT)) {
				return false;
			}
			blockStop(toolIndex);
		}
		this.frames.add(EventFrames.event("messageStop", (json) -> {
			json.writeStartObject();
			json.writeStringProperty("stopReason", this.reply.stopReason());
			json.writeEndObject();
		}));
		if (usage) {
			this.frames.add(EventFrames.event("metadata", (json) -> {
				json.writeStartObject();
				this.reply.writeUsage(json);
				json.writeEndObject();
			}));
		}
		return true;
	}

	/**
	 * A text delta, {@code {"delta":{"text"}}}, or a tool-use input delta,
	 * {@code {"delta":{"toolUse":{"input"}}}}.
	 */
	private boolean delta(int index, String kind, String value) {
		if (this.deltasLeft-- <= 0) {
			return false;
		}
		this.frames.add(EventFrames.event("contentBlockDelta", (json) -> {
			json.writeStartObject();
			json.writeNumberProperty("contentBlockIndex", index);
			json.writeObjectPropertyStart("delta");
			if (kind.equals("text")) {
				json.writeStringProperty("text", value);
			}
			else {
				json.writeObjectPropertyStart("toolUse");
				json.writeStringProperty("input", value);
				json.writeEndObject();
			}
			json.writeEndObject();
			json.writeEndObject();
		}));
		return true;
	}

	private void blockStop(int index) {
		this.frames.add(EventFrames.event("contentBlockStop", (json) -> {
			json.writeStartObject();
			json.writeNumberProperty("contentBlockIndex", index);
			json.writeEndObject();
		}));
	}

}
