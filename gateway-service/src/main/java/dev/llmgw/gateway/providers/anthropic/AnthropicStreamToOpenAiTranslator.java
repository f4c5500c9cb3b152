package dev.llmgw.gateway.providers.anthropic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.SseEvent;
import dev.llmgw.gateway.providers.StreamTranslator;
import dev.llmgw.model.anthropic.ContentBlock;
import dev.llmgw.model.anthropic.MessagesStreamEvent;
import dev.llmgw.model.anthropic.MessagesUsage;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Anthropic's streamed events to OpenAI chunks as they arrive
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming): text deltas as
 * content, a tool_use block start and its input_json_delta pieces as tool call pieces
 * numbered among the tool calls, the message_delta's stop reason as the finish chunk, and
 * usage (input from message_start, output from message_delta) last. An error event
 * mid-stream fails the stream with the provider's error.
 */
final class AnthropicStreamToOpenAiTranslator implements StreamTranslator {

	private final JsonMapper mapper;

	private final OpenAiChunkWriter writer;

	private final AnthropicErrorMapper errors;

	/** Anthropic content block index to OpenAI tool call index. */
	private final Map<Integer, Integer> toolIndexes = new HashMap<>(4);

	private MessagesUsage startUsage = MessagesUsage.of(0, 0, 0, 0);

	private @Nullable Usage usage;

	private boolean done;

	AnthropicStreamToOpenAiTranslator(JsonMapper mapper, OpenAiChunkWriter writer, AnthropicErrorMapper errors) {
		this.mapper = mapper;
		this.writer = writer;
		this.errors = errors;
	}

	@Override
	public List<byte[]> onEvent(SseEvent event) {
		if (event.data().length == 0 || this.done) {
			return List.of();
		}
		MessagesStreamEvent data = this.mapper.readValue(event.data(), MessagesStreamEvent.class);
		return switch (String.valueOf(data.type())) {
			case "message_start" -> {
				if (data.message() != null && data.message().usage() != null) {
					this.startUsage = data.message().usage();
				}
				yield List.of(this.writer.role());
			}
			case "content_block_start" -> blockStart(data);
			case "content_block_delta" -> blockDelta(data);
			case "message_delta" -> messageDelta(data);
			case "error" -> throw this.errors.map(500, event.data(), null);
			default -> List.of();
		};
	}

	private List<byte[]> blockStart(MessagesStreamEvent data) {
		ContentBlock block = data.contentBlock();
		if (block == null || !block.is(ContentBlock.TOOL_USE)) {
			return List.of();
		}
		int toolIndex = this.toolIndexes.size();
		this.toolIndexes.put(index(data), toolIndex);
		return List.of(this.writer.toolCallStart(toolIndex, (block.id() != null) ? block.id() : "",
				(block.name() != null) ? block.name() : ""));
	}

	private List<byte[]> blockDelta(MessagesStreamEvent data) {
		MessagesStreamEvent.Delta delta = data.delta();
		if (delta == null) {
			return List.of();
		}
		switch (String.valueOf(delta.type())) {
			case "text_delta":
				return List.of(this.writer.text((delta.text() != null) ? delta.text() : ""));
			case "input_json_delta":
				Integer toolIndex = this.toolIndexes.get(index(data));
				String piece = delta.partialJson();
				return (toolIndex == null || piece == null || piece.isEmpty()) ? List.of()
						: List.of(this.writer.toolCallArguments(toolIndex, piece));
			default:
				return List.of();
		}
	}

	private static int index(MessagesStreamEvent data) {
		return (data.index() != null) ? data.index() : 0;
	}

	private List<byte[]> messageDelta(MessagesStreamEvent data) {
		// message_delta carries the final output count; input counts come from
		// message_start unless the delta repeats them
		MessagesUsage counts = MessagesUsage
			.of(this.startUsage.input(), 0, this.startUsage.cacheWrite(), this.startUsage.cacheRead())
			.updatedBy(data.usage());
		this.usage = AnthropicToOpenAiTranslator.usage(counts);
		String reason = (data.delta() != null) ? data.delta().stopReason() : null;
		return List.of(this.writer.finish(AnthropicToOpenAiTranslator.finishReason(reason)));
	}

	@Override
	public List<byte[]> onEnd() {
		this.done = true;
		byte @Nullable [] usageFrame = (this.usage != null) ? this.writer.usage(this.usage) : null;
		return (usageFrame != null) ? List.of(usageFrame, OpenAiChunkWriter.DONE_FRAME)
				: List.of(OpenAiChunkWriter.DONE_FRAME);
	}

}
