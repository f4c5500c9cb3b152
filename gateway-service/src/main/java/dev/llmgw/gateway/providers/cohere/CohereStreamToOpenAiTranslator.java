package dev.llmgw.gateway.providers.cohere;

import java.util.List;

import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.SseEvent;
import dev.llmgw.gateway.providers.StreamTranslator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
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
		JsonNode data = this.mapper.readTree(event.data());
		String type = data.path("type").asString((event.event() != null) ? event.event() : "");
		JsonNode message = data.path("delta").path("message");
		return switch (type) {
			case "message-start" -> List.of(this.writer.role());
			case "content-delta" -> text(message.path("content").path("text").asString(""));
			// the plan is the text the model says before its tool calls; the whole
			// response puts it in the content too
			case "tool-plan-delta" -> text(message.path("tool_plan").asString(""));
			case "tool-call-start" -> toolCallStart(toolCall(message));
			case "tool-call-delta" -> toolCallDelta(toolCall(message));
			case "message-end" -> end(data.path("delta"));
			default -> List.of();
		};
	}

	private List<byte[]> text(String text) {
		return text.isEmpty() ? List.of() : List.of(this.writer.text(text));
	}

	/** v2 sends the call as an object here, unlike the list in a whole response. */
	private static JsonNode toolCall(JsonNode message) {
		JsonNode calls = message.path("tool_calls");
		return calls.isArray() ? calls.path(0) : calls;
	}

	private List<byte[]> toolCallStart(JsonNode call) {
		int index = this.toolCalls++;
		String id = call.path("id").asString("call_" + index);
		String arguments = call.path("function").path("arguments").asString("");
		return List.of(this.writer.toolCall(index, id, call.path("function").path("name").asString(), arguments));
	}

	private List<byte[]> toolCallDelta(JsonNode call) {
		String piece = call.path("function").path("arguments").asString("");
		if (this.toolCalls == 0 || piece.isEmpty()) {
			return List.of();
		}
		return List.of(this.writer.toolCallArguments(this.toolCalls - 1, piece));
	}

	private List<byte[]> end(JsonNode delta) {
		this.ended = true;
		byte[] finish = this.writer
			.finish(CohereToOpenAiTranslator.finishReason(delta.path("finish_reason").asString(null)));
		byte @Nullable [] usage = this.writer.usage(CohereToOpenAiTranslator.usage(delta.path("usage")));
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
