package dev.llmgw.gateway.providers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseFrameDecoderTests {

	@Test
	void eventsSplitAnywhereAcrossBuffersAreReassembled() {
		String stream = "data: {\"a\":1}\n\ndata: {\"b\":2}\n\ndata: [DONE]\n\n";
		for (int cut = 1; cut < stream.length(); cut++) {
			SseFrameDecoder decoder = new SseFrameDecoder();
			List<SseEvent> events = new ArrayList<>();
			events.addAll(decoder.decode(buffer(stream.substring(0, cut))));
			events.addAll(decoder.decode(buffer(stream.substring(cut))));
			assertThat(events).extracting(SseFrameDecoderTests::text)
				.as("cut at %d", cut)
				.containsExactly("{\"a\":1}", "{\"b\":2}", "[DONE]");
			assertThat(events.get(2).isDone()).isTrue();
			assertThat(decoder.finish()).isNull();
		}
	}

	@Test
	void handlesCrLfCommentsEventNamesAndMultiLineData() {
		SseFrameDecoder decoder = new SseFrameDecoder();
		List<SseEvent> events = decoder
			.decode(buffer(": keep-alive\r\n\r\nevent: message_start\r\ndata: line1\r\ndata:line2\r\nid: 7\r\n\r\n"));
		assertThat(events).hasSize(1);
		assertThat(events.get(0).event()).isEqualTo("message_start");
		assertThat(text(events.get(0))).isEqualTo("line1\nline2");
	}

	@Test
	void aBareCarriageReturnEndsALine() {
		List<SseEvent> events = new SseFrameDecoder().decode(buffer("data: x\r\rdata: y\r\r"));
		assertThat(events).extracting(SseFrameDecoderTests::text).containsExactly("x", "y");
	}

	@Test
	void finishDeliversAnUnterminatedEvent() {
		SseFrameDecoder decoder = new SseFrameDecoder();
		assertThat(decoder.decode(buffer("data: tail"))).isEmpty();
		assertThat(text(decoder.finish())).isEqualTo("tail");
	}

	@Test
	void longEventsGrowTheBuffers() {
		String big = "x".repeat(10_000);
		List<SseEvent> events = new SseFrameDecoder().decode(buffer("data: " + big + "\n\n"));
		assertThat(text(events.get(0))).isEqualTo(big);
	}

	@Test
	void consumesTheWholeBuffer() {
		ByteBuf buffer = buffer("data: a\n\n");
		new SseFrameDecoder().decode(buffer);
		assertThat(buffer.isReadable()).isFalse();
	}

	private static ByteBuf buffer(String text) {
		return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
	}

	private static String text(SseEvent event) {
		return new String(event.data(), StandardCharsets.UTF_8);
	}

}
