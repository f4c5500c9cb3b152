package dev.llmgw.gateway.providers.sagemaker;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.SseEvent;
import dev.llmgw.gateway.providers.StreamTranslator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A TGI stream's token events to OpenAI chunks, one text chunk per token as it arrives;
 * special tokens (the end-of-sequence marker, and {@code <|endoftext|>} which LiteLLM
 * also treats as the end) are not text. The finish reason comes from the last event's
 * details when the container sent them, else {@code stop}; usage is counted locally
 * ({@link LocalUsage}). An {@code {"error"}} event fails the stream. One per stream.
 */
final class TgiStreamToOpenAiTranslator implements StreamTranslator {

	private static final String END_OF_TEXT = "<|endoftext|>";

	private final JsonMapper mapper;

	private final OpenAiChunkWriter writer;

	private final long promptCharacters;

	private long completionCharacters;

	private @Nullable TgiDetails details;

	private boolean ended;

	/**
	 * @param promptCharacters the prompt's length, for the usage
	 */
	TgiStreamToOpenAiTranslator(JsonMapper mapper, OpenAiChunkWriter writer, long promptCharacters) {
		this.mapper = mapper;
		this.writer = writer;
		this.promptCharacters = promptCharacters;
	}

	@Override
	public List<byte[]> onEvent(SseEvent event) {
		if (event.data().length == 0 || event.isDone() || this.ended) {
			return List.of();
		}
		TgiStreamEvent parsed = parse(event.data());
		if (parsed.error() != null) {
			throw new UpstreamError(500, "api_error",
					"litellm.APIError: SagemakerException - "
							+ ((parsed.errorType() != null) ? parsed.errorType() + " error: " : "") + parsed.error(),
					null);
		}
		if (parsed.details() != null) {
			this.details = parsed.details();
		}
		TgiStreamEvent.Token token = parsed.token();
		if (token == null || token.special() || token.text() == null || token.text().isEmpty()) {
			return List.of();
		}
		if (END_OF_TEXT.equals(token.text())) {
			this.ended = true;
			return List.of();
		}
		this.completionCharacters += token.text().length();
		return List.of(this.writer.text(token.text()));
	}

	@Override
	public List<byte[]> onEnd() {
		List<byte[]> frames = new ArrayList<>(3);
		frames.add(this.writer.finish((this.details != null) ? this.details.openAiFinishReason() : "stop"));
		byte[] usage = this.writer.usage(LocalUsage.of(this.promptCharacters, this.completionCharacters, this.details));
		if (usage != null) {
			frames.add(usage);
		}
		frames.add(OpenAiChunkWriter.DONE_FRAME);
		return frames;
	}

	private TgiStreamEvent parse(byte[] data) {
		try {
			return this.mapper.readValue(data, TgiStreamEvent.class);
		}
		catch (JacksonException ex) {
			throw new UpstreamError(502, "api_error",
					"litellm.APIError: SagemakerException - the endpoint streamed a line that is not JSON", null);
		}
	}

}
