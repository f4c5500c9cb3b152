package dev.llmgw.gateway.messages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.SseFrames;
import dev.llmgw.model.anthropic.MessagesResponse;
import dev.llmgw.model.anthropic.MessagesUsage;
import dev.llmgw.model.openai.ChatCompletionChunk;
import dev.llmgw.model.openai.ToolCall;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI chunk frames to Anthropic's stream events, one frame at a time
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming): message_start first,
 * a content block opened for text or for each tool call and closed when the next begins,
 * text and input_json deltas, and at {@code [DONE]} the message_delta with the stop
 * reason and usage, then message_stop. One per stream.
 */
final class OpenAiToAnthropicStreamTranslator {

	private final JsonMapper mapper;

	private final String id;

	private final String model;

	/** OpenAI tool call index to Anthropic content block index. */
	private final Map<Integer, Integer> toolBlocks = new HashMap<>(4);

	private boolean started;

	private int nextBlock;

	private int openBlock = -1;

	private boolean openIsText;

	private String stopReason = "end_turn";

	private @Nullable Usage usage;

	private boolean finished;

	OpenAiToAnthropicStreamTranslator(JsonMapper mapper, String id, String model) {
		this.mapper = mapper;
		this.id = id;
		this.model = model;
	}

	/**
	 * @param frame one OpenAI frame, {@code data: {...}\n\n}
	 * @return the Anthropic events it yields, each framed
	 */
	List<byte[]> onFrame(byte[] frame) {
		List<byte[]> events = new ArrayList<>(2);
		String data = SseFrames.payload(frame);
		if ("[DONE]".equals(data)) {
			finish(events);
			return events;
		}
		ChatCompletionChunk chunk = this.mapper.readValue(data, ChatCompletionChunk.class);
		start(events);
		if (chunk.usage() != null) {
			this.usage = chunk.usage();
		}
		for (ChatCompletionChunk.Choice choice : chunk.choices()) {
			ChatCompletionChunk.Delta delta = choice.delta();
			if (delta != null && delta.content() != null && !delta.content().isEmpty()) {
				text(delta.content(), events);
			}
			if (delta != null && delta.toolCalls() != null) {
				for (ToolCall call : delta.toolCalls()) {
					tool(call, events);
				}
			}
			if (choice.finishReason() != null) {
				this.stopReason = OpenAiToAnthropicResponseTranslator.stopReason(choice.finishReason());
			}
		}
		return events;
	}

	/** The closing events if the stream ended without {@code [DONE]}. */
	List<byte[]> onEnd() {
		List<byte[]> events = new ArrayList<>(3);
		finish(events);
		return events;
	}

	private void start(List<byte[]> events) {
		if (this.started) {
			return;
		}
		this.started = true;
		MessagesResponse message = new MessagesResponse(this.id, "message", "assistant", this.model, List.of(), null,
				null, MessagesUsage.of(0, 0, 0, 0));
		events.add(event("message_start", Map.of("type", "message_start", "message", message)));
	}

	private void text(String text, List<byte[]> events) {
		if (this.openBlock < 0 || !this.openIsText) {
			closeBlock(events);
			openBlock(Map.of("type", "text", "text", ""), true, events);
		}
		events.add(event("content_block_delta", Map.of("type", "content_block_delta", "index", this.openBlock, "delta",
				Map.of("type", "text_delta", "text", text))));
	}

	private void tool(ToolCall call, List<byte[]> events) {
		int index = (call.index() != null) ? call.index() : 0;
		Integer block = this.toolBlocks.get(index);
		if (block == null) {
			closeBlock(events);
			Map<String, Object> toolUse = new LinkedHashMap<>();
			toolUse.put("type", "tool_use");
			toolUse.put("id", (call.id() != null) ? call.id() : "toolu_" + index);
			toolUse.put("name", (call.function().name() != null) ? call.function().name() : "");
			toolUse.put("input", Map.of());
			openBlock(toolUse, false, events);
			block = this.openBlock;
			this.toolBlocks.put(index, block);
		}
		String arguments = call.function().arguments();
		if (arguments != null && !arguments.isEmpty()) {
			events.add(event("content_block_delta", Map.of("type", "content_block_delta", "index", block, "delta",
					Map.of("type", "input_json_delta", "partial_json", arguments))));
		}
	}

	private void openBlock(Map<String, Object> block, boolean text, List<byte[]> events) {
		this.openBlock = this.nextBlock++;
		this.openIsText = text;
		events.add(event("content_block_start",
				Map.of("type", "content_block_start", "index", this.openBlock, "content_block", block)));
	}

	private void closeBlock(List<byte[]> events) {
		if (this.openBlock >= 0) {
			events.add(event("content_block_stop", Map.of("type", "content_block_stop", "index", this.openBlock)));
			this.openBlock = -1;
		}
	}

	private void finish(List<byte[]> events) {
		if (this.finished) {
			return;
		}
		this.finished = true;
		start(events);
		closeBlock(events);
		MessagesUsage counts = OpenAiToAnthropicResponseTranslator.usage(this.usage);
		Map<String, Object> delta = new LinkedHashMap<>();
		delta.put("stop_reason", this.stopReason);
		delta.put("stop_sequence", null);
		events.add(event("message_delta", Map.of("type", "message_delta", "delta", delta, "usage", counts)));
		events.add(event("message_stop", Map.of("type", "message_stop")));
	}

	byte[] event(String type, Object data) {
		return SseFrames.event(type, this.mapper.writeValueAsBytes(data));
	}

}
