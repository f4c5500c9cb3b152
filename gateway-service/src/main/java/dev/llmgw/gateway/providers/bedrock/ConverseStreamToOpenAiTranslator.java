package dev.llmgw.gateway.providers.bedrock;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.ResponseFormatTool;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlockStart;

/**
 * ConverseStream events to OpenAI chunk frames as they arrive
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html):
 * text deltas become content chunks, a tool use start and its input deltas become tool
 * call pieces numbered among the tool calls only, messageStop gives the finish reason,
 * and the metadata event's usage closes the stream. One per stream.
 */
final class ConverseStreamToOpenAiTranslator {

	private final OpenAiChunkWriter writer;

	/** Converse content block index to OpenAI tool call index. */
	private final Map<Integer, Integer> toolIndexes = new HashMap<>(4);

	private boolean usageSeen;

	/** The content block carrying a response_format answer, streamed as text. */
	private int structuredBlock = -1;

	ConverseStreamToOpenAiTranslator(OpenAiChunkWriter writer) {
		this.writer = writer;
	}

	List<byte[]> onEvent(ConverseStreamOutput event) {
		if (event instanceof MessageStartEvent) {
			return List.of(this.writer.role());
		}
		if (event instanceof ContentBlockDeltaEvent delta && delta.delta() != null) {
			if (delta.delta().text() != null) {
				return List.of(this.writer.text(delta.delta().text()));
			}
			if (delta.delta().toolUse() != null && delta.contentBlockIndex() != null
					&& delta.contentBlockIndex() == this.structuredBlock) {
				return List.of(this.writer.text(delta.delta().toolUse().input()));
			}
			Integer toolIndex = this.toolIndexes.get(delta.contentBlockIndex());
			if (delta.delta().toolUse() != null && toolIndex != null) {
				return List.of(this.writer.toolCallArguments(toolIndex, delta.delta().toolUse().input()));
			}
			return List.of();
		}
		if (event instanceof ContentBlockStartEvent start && start.start() != null && start.start().toolUse() != null) {
			ToolUseBlockStart toolUse = start.start().toolUse();
			if (ResponseFormatTool.isTool(toolUse.name())) {
				this.structuredBlock = start.contentBlockIndex();
				return List.of();
			}
			int toolIndex = this.toolIndexes.size();
			this.toolIndexes.put(start.contentBlockIndex(), toolIndex);
			return List.of(this.writer.toolCallStart(toolIndex, toolUse.toolUseId(), toolUse.name()));
		}
		if (event instanceof MessageStopEvent stop) {
			boolean onlyStructured = this.structuredBlock >= 0 && this.toolIndexes.isEmpty();
			return List.of(this.writer
				.finish(onlyStructured ? "stop" : ConverseToOpenAiTranslator.finishReason(stop.stopReason())));
		}
		if (event instanceof ConverseStreamMetadataEvent metadata) {
			this.usageSeen = true;
			byte @Nullable [] usage = this.writer.usage(ConverseToOpenAiTranslator.usage(metadata.usage()));
			return (usage != null) ? List.of(usage) : List.of();
		}
		return List.of();
	}

	List<byte[]> onEnd() {
		return List.of(OpenAiChunkWriter.DONE_FRAME);
	}

	boolean usageSeen() {
		return this.usageSeen;
	}

}
