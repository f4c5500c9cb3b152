package dev.llmgw.middleware.bedrock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.middleware.error.BedrockError;
import dev.llmgw.middleware.history.ReplyAccumulator;
import dev.llmgw.middleware.upstream.SseDataDecoder;
import dev.llmgw.model.bedrock.ConverseResponse;
import dev.llmgw.model.bedrock.ConverseStreamEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's OpenAI stream as Bedrock's ConverseStream events, chunk by chunk, with
 * the full sequence Bedrock sends (shared/spec/middleware.md, "Event stream"):
 * messageStart, text deltas, a contentBlockStart and input deltas per tool use,
 * contentBlockStop when a block ends, messageStop with the stop reason for every finish
 * reason, then metadata with the usage. An error the gateway reports mid-stream becomes
 * an exception frame. One per stream.
 */
final class OpenAiToConverseStreamTranslator {

	private final JsonMapper mapper;

	private final SseDataDecoder decoder = new SseDataDecoder();

	private final long startNanos = System.nanoTime();

	/** OpenAI tool call index to Converse content block index. */
	private final Map<Integer, Integer> toolBlocks = new HashMap<>(4);

	private boolean started;

	private int nextBlock;

	private int openBlock = -1;

	private boolean openIsText;

	private String stopReason = "end_turn";

	private @Nullable JsonNode usage;

	private boolean finished;

	private final @Nullable ReplyAccumulator reply;

	private boolean done;

	OpenAiToConverseStreamTranslator(JsonMapper mapper) {
		this(mapper, null);
	}

	/**
	 * @param mapper parses and writes the events
	 * @param reply adds up the reply for chat history, or null without history; with it,
	 * the closing events wait for {@link #onEnd()}, so the reply can be stored before the
	 * caller sees the stream end
	 */
	OpenAiToConverseStreamTranslator(JsonMapper mapper, @Nullable ReplyAccumulator reply) {
		this.mapper = mapper;
		this.reply = reply;
	}

	/** Whether the gateway's stream reached {@code [DONE]} without an error. */
	boolean completed() {
		return this.done && !this.finished;
	}

	/**
	 * @param chunk bytes of the gateway's event stream
	 * @return the event-stream frames they complete
	 */
	List<byte[]> onChunk(byte[] chunk) {
		List<String> events = this.decoder.decode(chunk);
		if (events.isEmpty()) {
			return List.of();
		}
		List<byte[]> frames = new ArrayList<>(events.size() + 2);
		for (String data : events) {
			onData(data, frames);
		}
		return frames;
	}

	/** The closing frames if the gateway's stream ended without {@code [DONE]}. */
	List<byte[]> onEnd() {
		List<byte[]> frames = new ArrayList<>(3);
		finish(frames);
		return frames;
	}

	private void onData(String data, List<byte[]> frames) {
		if (this.finished) {
			return;
		}
		if ("[DONE]".equals(data.trim())) {
			if (this.reply != null) {
				this.done = true;
			}
			else {
				finish(frames);
			}
			return;
		}
		JsonNode chunk = this.mapper.readTree(data);
		if (chunk.has("error")) {
			JsonNode error = chunk.path("error");
			BedrockError mapped = GatewayErrors.ofStreamed(error);
			frames.add(EventStreamFrames.exception(GatewayErrors.streamExceptionType(mapped), this.mapper
				.writeValueAsBytes(this.mapper.createObjectNode().put("message", error.path("message").asString("")))));
			this.finished = true;
			return;
		}
		start(frames);
		if (this.reply != null) {
			this.reply.add(chunk);
		}
		if (chunk.path("usage").isObject()) {
			this.usage = chunk.path("usage");
		}
		for (JsonNode choice : chunk.path("choices")) {
			JsonNode delta = choice.path("delta");
			String text = delta.path("content").asString("");
			if (!text.isEmpty()) {
				text(text, frames);
			}
			for (JsonNode call : delta.path("tool_calls")) {
				tool(call, frames);
			}
			String finish = choice.path("finish_reason").asString(null);
			if (finish != null) {
				this.stopReason = OpenAiToConverseTranslator.stopReason(finish);
			}
		}
	}

	private void start(List<byte[]> frames) {
		if (!this.started) {
			this.started = true;
			frames.add(event("messageStart", new ConverseStreamEvent.MessageStart("assistant")));
		}
	}

	private void text(String text, List<byte[]> frames) {
		if (this.openBlock < 0 || !this.openIsText) {
			closeBlock(frames);
			this.openBlock = this.nextBlock++;
			this.openIsText = true;
		}
		frames.add(event("contentBlockDelta",
				new ConverseStreamEvent.ContentBlockDelta(this.openBlock, ConverseStreamEvent.Delta.text(text))));
	}

	private void tool(JsonNode call, List<byte[]> frames) {
		int index = call.path("index").asInt(0);
		Integer block = this.toolBlocks.get(index);
		if (block == null) {
			closeBlock(frames);
			block = this.nextBlock++;
			this.openBlock = block;
			this.openIsText = false;
			this.toolBlocks.put(index, block);
			frames.add(event("contentBlockStart", new ConverseStreamEvent.ContentBlockStart(block,
					new ConverseStreamEvent.Start(new ConverseStreamEvent.ToolUseStart(call.path("id").asString(""),
							call.path("function").path("name").asString(""))))));
		}
		String arguments = call.path("function").path("arguments").asString("");
		if (!arguments.isEmpty()) {
			frames.add(event("contentBlockDelta",
					new ConverseStreamEvent.ContentBlockDelta(block, ConverseStreamEvent.Delta.toolUse(arguments))));
		}
	}

	private void closeBlock(List<byte[]> frames) {
		if (this.openBlock >= 0) {
			frames.add(event("contentBlockStop", new ConverseStreamEvent.ContentBlockStop(this.openBlock)));
			this.openBlock = -1;
		}
	}

	private void finish(List<byte[]> frames) {
		if (this.finished) {
			return;
		}
		this.finished = true;
		start(frames);
		closeBlock(frames);
		frames.add(event("messageStop", new ConverseStreamEvent.MessageStop(this.stopReason)));
		frames.add(event("metadata",
				new ConverseStreamEvent.Metadata(
						OpenAiToConverseTranslator
							.usage((this.usage != null) ? this.usage : this.mapper.createObjectNode()),
						new ConverseResponse.Metrics((System.nanoTime() - this.startNanos) / 1_000_000))));
	}

	private byte[] event(String type, Object payload) {
		return EventStreamFrames.event(type, this.mapper.writeValueAsBytes(payload));
	}

}
