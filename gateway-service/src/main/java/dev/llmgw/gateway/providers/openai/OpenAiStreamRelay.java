package dev.llmgw.gateway.providers.openai;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.SseEvent;
import dev.llmgw.gateway.providers.SseFrames;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.StreamTranslator;
import dev.llmgw.model.openai.UsageEnvelope;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passes an OpenAI-compatible stream through one event at a time: each chunk goes out as
 * received, usage is read from the chunk that carries it, the usage-only chunk is hidden
 * when the caller did not ask for it, and {@code data: [DONE]} always ends the stream,
 * even when the provider forgot it.
 */
public final class OpenAiStreamRelay {

	static final byte[] DONE_FRAME = OpenAiChunkWriter.DONE_FRAME;

	private static final byte[] USAGE_KEY = "\"usage\"".getBytes(StandardCharsets.US_ASCII);

	private final JsonMapper mapper;

	private final boolean callerWantsUsage;

	private final StreamTally tally;

	private boolean done;

	OpenAiStreamRelay(JsonMapper mapper, boolean callerWantsUsage, StreamTally tally) {
		this.mapper = mapper;
		this.callerWantsUsage = callerWantsUsage;
		this.tally = tally;
	}

	/**
	 * The relay as a {@link StreamTranslator}, one event in, at most one frame out, for
	 * adapters whose provider streams OpenAI's chunks inside another framing (SageMaker's
	 * Messages API containers).
	 * @param mapper reads the usage chunk
	 * @param callerWantsUsage whether the caller asked for the usage chunk
	 * @param tally records usage and chunks
	 * @return a translator for one stream
	 */
	public static StreamTranslator translator(JsonMapper mapper, boolean callerWantsUsage, StreamTally tally) {
		return new RelayTranslator(new OpenAiStreamRelay(mapper, callerWantsUsage, tally));
	}

	/**
	 * @param event one provider event
	 * @return the frame to send, or null to send nothing
	 */
	byte @Nullable [] relay(SseEvent event) {
		if (this.done) {
			return null;
		}
		byte[] data = event.data();
		if (event.isDone()) {
			this.done = true;
			return DONE_FRAME;
		}
		if (data.length == 0) {
			return null;
		}
		if (hasUsageObject(data)) {
			UsageEnvelope envelope = this.mapper.readValue(data, UsageEnvelope.class);
			if (envelope.usage() != null) {
				this.tally.usage(envelope.usage());
			}
			if (!this.callerWantsUsage && !envelope.hasChoices()) {
				return null;
			}
		}
		this.tally.countChunk(data.length);
		return SseFrames.data(data);
	}

	/**
	 * @return the closing {@code [DONE]} frame if the provider did not send one, else
	 * null
	 */
	byte @Nullable [] finish() {
		if (this.done) {
			return null;
		}
		this.done = true;
		return DONE_FRAME;
	}

	/**
	 * Whether the chunk has {@code "usage"} followed by an object rather than null: a
	 * byte scan, so that the common content chunk is never parsed.
	 */
	static boolean hasUsageObject(byte[] data) {
		int at = indexOf(data, USAGE_KEY, 0);
		while (at >= 0) {
			int i = at + USAGE_KEY.length;
			while (i < data.length && (data[i] == ' ' || data[i] == ':' || data[i] == '\t' || data[i] == '\n')) {
				i++;
			}
			if (i < data.length && data[i] == '{') {
				return true;
			}
			at = indexOf(data, USAGE_KEY, at + 1);
		}
		return false;
	}

	private static int indexOf(byte[] data, byte[] wanted, int from) {
		outer: for (int i = from; i <= data.length - wanted.length; i++) {
			for (int j = 0; j < wanted.length; j++) {
				if (data[i + j] != wanted[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/** The pass-through relay, one event in, at most one frame out. */
	private record RelayTranslator(OpenAiStreamRelay relay) implements StreamTranslator {

		@Override
		public List<byte[]> onEvent(SseEvent event) {
			byte @Nullable [] frame = this.relay.relay(event);
			return (frame != null) ? List.of(frame) : List.of();
		}

		@Override
		public List<byte[]> onEnd() {
			byte @Nullable [] done = this.relay.finish();
			return (done != null) ? List.of(done) : List.of();
		}

	}

}
