package dev.llmgw.gateway.providers;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;

/**
 * A server-sent-event body: events split by {@link SseFrameDecoder}, each handed to the
 * provider's {@link StreamTranslator}.
 */
final class SseBodyDecoder implements StreamBodyDecoder {

	private final SseFrameDecoder events = new SseFrameDecoder();

	private final StreamTranslator translator;

	SseBodyDecoder(StreamTranslator translator) {
		this.translator = translator;
	}

	@Override
	public List<byte[]> decode(ByteBuf buffer) {
		List<SseEvent> decoded = this.events.decode(buffer);
		if (decoded.isEmpty()) {
			return List.of();
		}
		if (decoded.size() == 1) {
			return this.translator.onEvent(decoded.get(0));
		}
		List<byte[]> frames = new ArrayList<>();
		for (SseEvent event : decoded) {
			frames.addAll(this.translator.onEvent(event));
		}
		return frames;
	}

	@Override
	public List<byte[]> finish() {
		SseEvent last = this.events.finish();
		if (last == null) {
			return this.translator.onEnd();
		}
		List<byte[]> frames = new ArrayList<>(this.translator.onEvent(last));
		frames.addAll(this.translator.onEnd());
		return frames;
	}

}
