package dev.llmgw.gateway.providers.anthropic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.SseEvent;
import dev.llmgw.gateway.providers.StreamTranslator;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
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

	private JsonNode startUsage;

	private @Nullable Usage usage;

	private boolean done;

	AnthropicStreamToOpenAiTranslator(JsonMapper mapper, OpenAiChunkWriter writer, AnthropicErrorMapper errors) {
		this.mapper = mapper;
		this.writer = writer;
		this.errors = errors;
		this.startUsage = mapper.createObjectNode();
	}

	@Override
	public List<byte[]> onEvent(SseEvent event) {
		if (event.data().length == 0 || this.done) {
			return List.of();
		}
		JsonNode data = this.mapper.readTree(event.data());
		String type = data.path("type").asString("");
		return switch (type) {
			case "message_start" -> {
				this.startUsage = data.path("message").path("usage");
				yield List.of(this.writer.role());
			}
			case "content_block_start" -> blockStart(data);
			case "content_block_delta" -> blockDelta(data);
			case "message_delta" -> messageDelta(data);
			case "error" -> throw this.errors.map(500, event.data(), null);
			default -> List.of();
		};
	}

	private List<byte[]> blockStart(JsonNode data) {
		JsonNode block = data.path("content_block");
		if (!"tool_use".equals(block.path("type").asString(""))) {
			return List.of();
		}
		int toolIndex = this.toolIndexes.size();
		this.toolIndexes.put(data.path("index").asInt(), toolIndex);
		return List
			.of(this.writer.toolCallStart(toolIndex, block.path("id").asString(""), block.path("name").asString("")));
	}

	private List<byte[]> blockDelta(JsonNode data) {
		JsonNode delta = data.path("delta");
		switch (delta.path("type").asString("")) {
			case "text_delta":
				return List.of(this.writer.text(delta.path("text").asString("")));
			case "input_json_delta":
				Integer toolIndex = this.toolIndexes.get(data.path("index").asInt());
				String piece = delta.path("partial_json").asString("");
				return (toolIndex == null || piece.isEmpty()) ? List.of()
						: List.of(this.writer.toolCallArguments(toolIndex, piece));
			default:
				return List.of();
		}
	}

	private List<byte[]> messageDelta(JsonNode data) {
		JsonNode usage = data.path("usage");
		// message_delta carries the final output count; input counts come from
		// message_start unless the delta repeats them
		long input = usage.has("input_tokens") ? usage.path("input_tokens").asLong()
				: this.startUsage.path("input_tokens").asLong(0);
		tools.jackson.databind.node.ObjectNode merged = this.mapper.createObjectNode();
		merged.put("input_tokens", input);
		merged.put("output_tokens", usage.path("output_tokens").asLong(0));
		merged.put("cache_read_input_tokens",
				usage.has("cache_read_input_tokens") ? usage.path("cache_read_input_tokens").asLong()
						: this.startUsage.path("cache_read_input_tokens").asLong(0));
		merged.put("cache_creation_input_tokens",
				usage.has("cache_creation_input_tokens") ? usage.path("cache_creation_input_tokens").asLong()
						: this.startUsage.path("cache_creation_input_tokens").asLong(0));
		this.usage = AnthropicToOpenAiTranslator.usage(merged);
		String reason = data.path("delta").path("stop_reason").asString(null);
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
