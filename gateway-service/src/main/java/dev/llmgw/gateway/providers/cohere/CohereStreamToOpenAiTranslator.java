package dev.llmgw.gateway.providers.cohere;

import java.util.List;

import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.SseEvent;
import dev.llmgw.gateway.providers.StreamTranslator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cohere v2 chat stream events to OpenAI chunk frames
 * (https://docs.cohere.com/reference/chat-stream,
 * https://docs.cohere.com/docs/streaming): message-start opens with the role,
 * content-delta carries text, tool-call-start a call's id, name and perhaps the first
 * piece of its arguments, tool-call-delta further pieces, and message-end the finish
 * reason and usage. The event type is read from the data's {@code type}, which Cohere
 * always sets, so a missing {@code event:} line does not matter. One per stream.
 */
final class CohereStreamToOpenAiTranslator implements StreamTranslator {

	private final JsonMapper mapper;

	private final OpenAiChunkWriter writer;

	private int toolCalls;

	private boolean ended;

	CohereStreamToOpenAiTranslator(JsonMapper mapper, OpenAiChunkWriter writer) {
		this.mapper = mapper;
		this.writer = writer;
	}

	@Override
	public List<byte[]> onEvent(SseEvent event) {
		if (event.data().length == 0 || event.isDone()) {
			return List.of();
		}
		CohereChatResponse.Event data = this.mapper.readValue(event.data(), CohereChatResponse.Event.class);
		String type = (data.type() != null) ? data.type() : (event.event() != null) ? event.event() : "";
		CohereChatResponse delta = (data.delta() != null) ? data.delta()
				: new CohereChatResponse(null, null, null, null);
		CohereChatResponse.Message message = (delta.message() != null) ? delta.message()
				: new CohereChatResponse.Message(null, null, null);
		return switch (type) {
			case "message-start" -> List.of(this.writer.role());
			case "content-delta" -> text(message.contentParts());
			// the plan is the text the model says before its tool calls; the whole
			// response puts it in the content too
			case "tool-plan-delta" -> text((message.toolPlan() != null) ? message.toolPlan() : "");
			case "tool-call-start" -> message.calls().isEmpty() ? List.of() : toolCallStart(message.calls().get(0));
			case "tool-call-delta" -> message.calls().isEmpty() ? List.of() : toolCallDelta(message.calls().get(0));
			case "message-end" -> end(delta);
			default -> List.of();
		};
	}

	private List<byte[]> text(List<CohereChatResponse.ContentPart> parts) {
		StringBuilder text = new StringBuilder();
		for (CohereChatResponse.ContentPart part : parts) {
			if (part.text() != null) {
				text.append(part.text());
			}
		}
		return text(text.toString());
	}

	private List<byte[]> text(String text) {
		return text.isEmpty() ? List.of() : List.of(this.writer.text(text));
	}

	private List<byte[]> toolCallStart(CohereChatResponse.ToolCall call) {
		int index = this.toolCalls++;
		String id = (call.id() != null) ? call.id() : "call_" + index;
		CohereChatResponse.Function function = call.function();
		String name = (function != null && function.name() != null) ? function.name() : "";
		return List.of(this.writer.toolCall(index, id, name, piece(function)));
	}

	private List<byte[]> toolCallDelta(CohereChatResponse.ToolCall call) {
		String piece = piece(call.function());
		if (this.toolCalls == 0 || piece.isEmpty()) {
			return List.of();
		}
		return List.of(this.writer.toolCallArguments(this.toolCalls - 1, piece));
	}

	/** A piece of a streamed call's arguments, JSON text cut anywhere. */
	private static String piece(CohereChatResponse.@Nullable Function function) {
		return (function != null && function.arguments() instanceof String text) ? text : "";
	}

	private List<byte[]> end(CohereChatResponse delta) {
		this.ended = true;
		byte[] finish = this.writer.finish(CohereToOpenAiTranslator.finishReason(delta.finishReason()));
		byte @Nullable [] usage = this.writer.usage(CohereToOpenAiTranslator.usage(delta.usage()));
		return (usage != null) ? List.of(finish, usage) : List.of(finish);
	}

	@Override
	public List<byte[]> onEnd() {
		if (this.ended) {
			return List.of(OpenAiChunkWriter.DONE_FRAME);
		}
		// cut short without message-end: close the choice so that clients return
		return List.of(this.writer.finish((this.toolCalls > 0) ? "tool_calls" : "stop"), OpenAiChunkWriter.DONE_FRAME);
	}

}
