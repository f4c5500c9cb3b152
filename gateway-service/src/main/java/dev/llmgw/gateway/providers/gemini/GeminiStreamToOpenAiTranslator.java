package dev.llmgw.gateway.providers.gemini;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.SseEvent;
import dev.llmgw.gateway.providers.StreamTranslator;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gemini's {@code streamGenerateContent?alt=sse} events to OpenAI chunk frames
 * (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent): each
 * event is a whole {@code GenerateContentResponse} holding the next piece of text, or
 * whole function calls, which become one tool call chunk each. Every event repeats the
 * running {@code usageMetadata}, so the last one seen is the stream's usage, sent after
 * the finish chunk. Only the first candidate is streamed: OpenAI chunks from this writer
 * carry one choice. One per stream.
 */
final class GeminiStreamToOpenAiTranslator implements StreamTranslator {

	private final JsonMapper mapper;

	private final OpenAiChunkWriter writer;

	private final GeminiErrorMapper errors;

	private int toolCalls;

	private boolean finished;

	private @Nullable JsonNode usageMetadata;

	GeminiStreamToOpenAiTranslator(JsonMapper mapper, OpenAiChunkWriter writer, GeminiErrorMapper errors) {
		this.mapper = mapper;
		this.writer = writer;
		this.errors = errors;
	}

	@Override
	public List<byte[]> onEvent(SseEvent event) {
		if (event.data().length == 0) {
			return List.of();
		}
		JsonNode response = this.mapper.readTree(event.data());
		if (response.has("error")) {
			// an error after the 200, sent as an event with the usual error body
			throw this.errors.map(response.path("error").path("code").asInt(500), event.data(), null);
		}
		GeminiToOpenAiTranslator.rejectBlockedPrompt(response);
		if (response.has("usageMetadata")) {
			this.usageMetadata = response.path("usageMetadata");
		}
		JsonNode candidate = response.path("candidates").path(0);
		List<byte[]> frames = new ArrayList<>(2);
		for (JsonNode part : candidate.path("content").path("parts")) {
			if (part.has("text") && !part.path("thought").asBoolean(false)) {
				String text = part.path("text").asString();
				if (!text.isEmpty()) {
					frames.add(this.writer.text(text));
				}
			}
			else if (part.has("functionCall")) {
				JsonNode call = part.path("functionCall");
				int index = this.toolCalls++;
				String id = ThoughtSignatures.toolCallId(index, part.path("thoughtSignature").asString(null));
				frames.add(this.writer.toolCall(index, id, call.path("name").asString(),
						GeminiToOpenAiTranslator.arguments(call)));
			}
		}
		String reason = candidate.path("finishReason").asString(null);
		if (reason != null && !this.finished) {
			this.finished = true;
			frames.add(this.writer.finish(GeminiToOpenAiTranslator.finishReason(reason, this.toolCalls > 0)));
		}
		return frames;
	}

	@Override
	public List<byte[]> onEnd() {
		List<byte[]> frames = new ArrayList<>(3);
		if (!this.finished) {
			// Gemini ended the stream without a finish reason; close the choice anyway so
			// that clients waiting for one return
			frames.add(this.writer.finish((this.toolCalls > 0) ? "tool_calls" : "stop"));
		}
		Usage usage = (this.usageMetadata != null) ? GeminiToOpenAiTranslator.usage(this.usageMetadata) : null;
		byte[] usageFrame = (usage != null) ? this.writer.usage(usage) : null;
		if (usageFrame != null) {
			frames.add(usageFrame);
		}
		frames.add(OpenAiChunkWriter.DONE_FRAME);
		return frames;
	}

}
