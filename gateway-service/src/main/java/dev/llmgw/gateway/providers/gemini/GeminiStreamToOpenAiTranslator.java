package dev.llmgw.gateway.providers.gemini;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.SseEvent;
import dev.llmgw.gateway.providers.StreamTranslator;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
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

	private GenerateContentResponse.@Nullable UsageMetadata usageMetadata;

	private final GeminiToOpenAiTranslator responses;

	GeminiStreamToOpenAiTranslator(JsonMapper mapper, OpenAiChunkWriter writer, GeminiErrorMapper errors) {
		this.mapper = mapper;
		this.writer = writer;
		this.errors = errors;
		this.responses = new GeminiToOpenAiTranslator(mapper);
	}

	@Override
	public List<byte[]> onEvent(SseEvent event) {
		if (event.data().length == 0) {
			return List.of();
		}
		GenerateContentResponse response = this.mapper.readValue(event.data(), GenerateContentResponse.class);
		if (response.error() != null) {
			// an error after the 200, sent as an event with the usual error body
			int code = (response.error().get("code") instanceof Number number) ? number.intValue() : 500;
			throw this.errors.map(code, event.data(), null);
		}
		GeminiToOpenAiTranslator.rejectBlockedPrompt(response);
		if (response.usageMetadata() != null) {
			this.usageMetadata = response.usageMetadata();
		}
		List<GenerateContentResponse.Candidate> candidates = response.candidateList();
		GenerateContentResponse.Candidate candidate = candidates.isEmpty() ? null : candidates.get(0);
		List<byte[]> frames = new ArrayList<>(2);
		for (GeminiContent.Part part : (candidate != null) ? candidate.parts() : List.<GeminiContent.Part>of()) {
			if (part.isAnswerText()) {
				if (!part.text().isEmpty()) {
					frames.add(this.writer.text(part.text()));
				}
			}
			else if (part.functionCall() != null) {
				int index = this.toolCalls++;
				String id = ThoughtSignatures.toolCallId(index, part.thoughtSignature());
				frames.add(this.writer.toolCall(index, id, String.valueOf(part.functionCall().name()),
						this.responses.arguments(part.functionCall())));
			}
		}
		String reason = (candidate != null) ? candidate.finishReason() : null;
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
