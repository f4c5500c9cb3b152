package dev.llmgw.gateway.providers.sagemaker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.SseFrames;
import dev.llmgw.gateway.providers.StreamTally;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The response stream decoded however it is cut: PayloadParts that split a line, and a
 * UTF-8 character, anywhere; frames that the network splits anywhere; an exception frame
 * that ends the stream; bytes that are no event stream.
 */
class SageMakerEventStreamTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TGI = """
			data:{"index":1,"token":{"id":1,"text":"Grüße","logprob":-0.1,"special":false},"generated_text":null}

			data:{"index":2,"token":{"id":2,"text":" 🌍","logprob":-0.1,"special":false},"generated_text":null}

			data:{"index":3,"token":{"id":3,"text":"</s>","logprob":-0.1,"special":true},\
			"generated_text":"Grüße 🌍","details":{"finish_reason":"eos_token","generated_tokens":3,"input_length":4}}

			""";

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 7, 64, 100_000 })
	void partsAndFramesCutAnywhereDecodeToTheSameChunks(int networkChunk) {
		byte[] utf8 = TGI.getBytes(StandardCharsets.UTF_8);
		int insideU = indexOf(utf8, "ü".getBytes(StandardCharsets.UTF_8)) + 1;
		int insideGlobe = indexOf(utf8, "🌍".getBytes(StandardCharsets.UTF_8)) + 2;
		byte[] body = EventStreamFrames.parts(TGI, 5, insideU, insideGlobe, insideGlobe + 1, utf8.length - 30);
		StreamTally tally = new StreamTally();
		List<String> frames = decode(body, networkChunk, tgi(tally));
		assertThat(frames).hasSize(5);
		assertThat(text(frames)).isEqualTo("Grüße 🌍");
		assertThat(payload(frames.get(2)).at("/choices/0/finish_reason").asString()).isEqualTo("stop");
		assertThat(payload(frames.get(3)).at("/usage/completion_tokens").asLong()).isEqualTo(3);
		assertThat(payload(frames.get(3)).at("/usage/prompt_tokens").asLong()).isEqualTo(4);
		assertThat(frames.get(4)).isEqualTo("data: [DONE]\n\n");
		assertThat(tally.usage().totalTokens()).isEqualTo(7);
	}

	@Test
	void bareJsonLinesAndALastLineWithoutItsNewlineAreRead() {
		byte[] body = EventStreamFrames.parts("""
				{"token":{"text":"one","special":false}}
				: keep-alive
				event: message
				data: {"token":{"text":" two","special":false}}""", 12, 30);
		List<String> frames = decode(body, 1000, tgi(new StreamTally()));
		assertThat(text(frames)).isEqualTo("one two");
	}

	@Test
	void anExceptionFrameEndsTheStreamWithTheGatewaysError() {
		byte[] body = EventStreamFrames
			.concat(List.of(EventStreamFrames.parts(TGI.substring(0, TGI.indexOf("\n\n") + 2), 40),
					EventStreamFrames.exception("ModelStreamError",
							"{\"Message\":\"An error occurred while streaming the response body.\","
									+ "\"ErrorCode\":\"ModelStreamError\"}")));
		List<String> frames = new ArrayList<>();
		SageMakerEventStream stream = new SageMakerEventStream(tgi(new StreamTally()), new SageMakerErrorMapper(JSON));
		assertThatThrownBy(() -> {
			for (byte[] piece : chunks(body, 16)) {
				stream.decode(Unpooled.wrappedBuffer(piece)).forEach((frame) -> frames.add(new String(frame)));
			}
		}).isInstanceOf(UpstreamError.class)
			.hasMessage("litellm.APIError: SagemakerException - ModelStreamError: "
					+ "An error occurred while streaming the response body.")
			.satisfies((error) -> assertThat(((UpstreamError) error).status()).isEqualTo(500));
		assertThat(text(frames)).as("what came before the failure went out").isEqualTo("Grüße");
	}

	@Test
	void bytesThatAreNoEventStreamAreABadGateway() {
		SageMakerEventStream stream = new SageMakerEventStream(tgi(new StreamTally()), new SageMakerErrorMapper(JSON));
		byte[] body = EventStreamFrames.parts(TGI);
		body[body.length - 1] ^= 0x5a;
		assertThatThrownBy(() -> stream.decode(Unpooled.wrappedBuffer(body))).isInstanceOf(UpstreamError.class)
			.hasMessageContaining("not a valid AWS event stream")
			.satisfies((error) -> assertThat(((UpstreamError) error).status()).isEqualTo(502));
	}

	private static TgiStreamToOpenAiTranslator tgi(StreamTally tally) {
		return new TgiStreamToOpenAiTranslator(JSON,
				new OpenAiChunkWriter(JSON, "chatcmpl-1", "tgi-endpoint", true, tally), 16);
	}

	private static List<String> decode(byte[] body, int networkChunk, TgiStreamToOpenAiTranslator translator) {
		SageMakerEventStream stream = new SageMakerEventStream(translator, new SageMakerErrorMapper(JSON));
		List<String> frames = new ArrayList<>();
		for (byte[] piece : chunks(body, networkChunk)) {
			stream.decode(Unpooled.wrappedBuffer(piece))
				.forEach((frame) -> frames.add(new String(frame, StandardCharsets.UTF_8)));
		}
		stream.finish().forEach((frame) -> frames.add(new String(frame, StandardCharsets.UTF_8)));
		return frames;
	}

	private static List<byte[]> chunks(byte[] body, int size) {
		List<byte[]> chunks = new ArrayList<>();
		for (int i = 0; i < body.length; i += size) {
			chunks.add(Arrays.copyOfRange(body, i, Math.min(body.length, i + size)));
		}
		return chunks;
	}

	private static String text(List<String> frames) {
		StringBuilder text = new StringBuilder();
		for (String frame : frames) {
			if (!frame.contains("[DONE]")) {
				text.append(payload(frame).at("/choices/0/delta/content").asString(""));
			}
		}
		return text.toString();
	}

	private static JsonNode payload(String frame) {
		return JSON.readTree(SseFrames.payload(frame.getBytes(StandardCharsets.UTF_8)));
	}

	private static int indexOf(byte[] bytes, byte[] wanted) {
		outer: for (int i = 0; i <= bytes.length - wanted.length; i++) {
			for (int j = 0; j < wanted.length; j++) {
				if (bytes[i + j] != wanted[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new IllegalArgumentException("not found");
	}

}
