package dev.llmgw.fake.sagemaker;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventstream.Message;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SageMakerStreamTests {

	private static TestServer server;

	@BeforeAll
	static void start() {
		server = TestServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void streamsTgiTokensInPayloadParts() throws Exception {
		HttpResponse<byte[]> response = SignedCalls.invokeStream(server, "tgi%3Breply%3Dalpha%20beta%20gamma%20delta",
				SageMakerInvokeTests.TGI.formatted("Hi", 50, ",\"details\":true"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
		assertThat(response.headers().firstValue("X-Amzn-SageMaker-Content-Type")).hasValue("text/event-stream");
		List<Message> frames = SignedCalls.frames(response.body());
		for (Message frame : frames) {
			assertThat(SignedCalls.header(frame, ":message-type")).isEqualTo("event");
			assertThat(SignedCalls.header(frame, ":event-type")).isEqualTo("PayloadPart");
			assertThat(SignedCalls.header(frame, ":content-type")).isEqualTo("application/octet-stream");
		}
		// the second token's line is cut across two parts, which a client must rejoin
		assertThat(frames.stream().map((frame) -> new String(frame.getPayload(), StandardCharsets.UTF_8)))
			.anyMatch((part) -> !part.endsWith("\n\n"));
		List<JsonNode> events = events(SignedCalls.reassembled(frames), "data:");
		assertThat(events).hasSize(4);
		assertThat(events.stream().map((event) -> event.path("token").path("text").asString()))
			.containsExactly("alpha ", "beta ", "gamma ", "delta");
		assertThat(events.get(0).path("token").path("special").asBoolean()).isFalse();
		assertThat(events.get(0).path("generated_text").isNull()).isTrue();
		assertThat(events.get(0).path("details").isNull()).isTrue();
		JsonNode last = events.get(3);
		assertThat(last.path("generated_text").asString()).isEqualTo("alpha beta gamma delta");
		assertThat(last.path("details").path("finish_reason").asString()).isEqualTo("eos_token");
		assertThat(last.path("details").path("generated_tokens").asInt()).isEqualTo(4);
	}

	@Test
	void streamsAMessagesApiBodyAsChatChunksEndingWithDone() throws Exception {
		HttpResponse<byte[]> response = SignedCalls.invokeStream(server, "chat-tgi",
				SageMakerInvokeTests.CHAT.formatted(",\"stream_options\":{\"include_usage\":true}"));
		assertThat(response.statusCode()).isEqualTo(200);
		String stream = SignedCalls.reassembled(SignedCalls.frames(response.body()));
		assertThat(stream).endsWith("data: [DONE]\n\n");
		List<JsonNode> chunks = events(stream.substring(0, stream.lastIndexOf("data: [DONE]")), "data: ");
		assertThat(chunks.get(0).path("object").asString()).isEqualTo("chat.completion.chunk");
		assertThat(chunks.stream()
			.map((chunk) -> chunk.path("choices").path(0).path("delta").path("content").asString(""))
			.reduce("", String::concat)).isEqualTo("You said: hi there");
		assertThat(chunks.get(chunks.size() - 1).path("usage").path("total_tokens").asInt()).isEqualTo(8);
	}

	@Test
	void keepsEveryPartValidUtf8() throws Exception {
		HttpResponse<byte[]> response = SignedCalls.invokeStream(server,
				"tgi%3Breply%3Dh%C3%A9llo%20w%C3%B6rld%20%C3%BCn%C3%AFcode%20%E2%82%AC%E2%82%AC%E2%82%AC",
				SageMakerInvokeTests.TGI.formatted("Hi", 50, ""));
		for (Message frame : SignedCalls.frames(response.body())) {
			assertThat(decodesStrictly(frame.getPayload())).isTrue();
		}
	}

	@Test
	void endsWithAModelStreamErrorAfterErrorAfterChunks() throws Exception {
		List<Message> frames = SignedCalls.frames(SignedCalls
			.invokeStream(server, "tgi%3Berror_after_chunks%3D1", SageMakerInvokeTests.TGI.formatted("a b c", 50, ""))
			.body());
		Message last = frames.get(frames.size() - 1);
		assertThat(SignedCalls.header(last, ":message-type")).isEqualTo("exception");
		assertThat(SignedCalls.header(last, ":exception-type")).isEqualTo("ModelStreamError");
		JsonNode error = TestServer.json(new String(last.getPayload(), StandardCharsets.UTF_8));
		assertThat(error.path("Message").asString()).isNotBlank();
		assertThat(error.path("ErrorCode").asString()).isEqualTo("ModelStreamError");
		assertThat(events(SignedCalls.reassembled(frames), "data:")).hasSize(1);
		List<Message> internal = SignedCalls.frames(
				SignedCalls
					.invokeStream(server, "tgi%3Berror%3D500%3Berror_after_chunks%3D0",
							SageMakerInvokeTests.TGI.formatted("a b c", 50, ""))
					.body());
		assertThat(SignedCalls.header(internal.get(internal.size() - 1), ":exception-type"))
			.isEqualTo("InternalStreamFailure");
		List<Message> chat = SignedCalls.frames(SignedCalls
			.invokeStream(server, "chat%3Berror_after_chunks%3D1", SageMakerInvokeTests.CHAT.formatted(""))
			.body());
		assertThat(SignedCalls.header(chat.get(chat.size() - 1), ":exception-type")).isEqualTo("ModelStreamError");
	}

	@Test
	void anErrorDirectiveAnswersBeforeStreaming() throws Exception {
		HttpResponse<byte[]> response = SignedCalls.invokeStream(server, "tgi%3Berror%3D429",
				SageMakerInvokeTests.TGI.formatted("x", 5, ""));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ThrottlingException");
	}

	@Test
	void cutsEveryThirdEventAndCarriesItsTailIntoTheNextPart() {
		List<byte[]> events = List.of(bytes("aaaa"), bytes("bbbb"), bytes("cccc"), bytes("dddd"), bytes("eeee"));
		List<String> parts = PayloadParts.parts(events)
			.stream()
			.map((part) -> new String(part, StandardCharsets.UTF_8))
			.toList();
		assertThat(parts).containsExactly("aaaa", "bb", "bbcccc", "dddd", "ee", "ee");
		assertThat(String.join("", parts)).isEqualTo("aaaabbbbccccddddeeee");
	}

	/**
	 * The {@code data} lines of a server-sent event stream, as JSON.
	 */
	private static List<JsonNode> events(String stream, String prefix) {
		return Arrays.stream(stream.split("\n\n"))
			.filter((line) -> !line.isBlank())
			.peek((line) -> assertThat(line).startsWith(prefix))
			.map((line) -> TestServer.json(line.substring(prefix.length())))
			.toList();
	}

	private static boolean decodesStrictly(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
