package dev.llmgw.fake.bedrock;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ConverseStreamTests {

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
	void streamsEventFramesTheSdkDecodes() throws Exception {
		HttpResponse<byte[]> response = stream(ConverseRouteTests.PROFILE + "%3Breply%3Done%20two%20three%3Bchunks%3D2",
				"");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
		List<Message> frames = decode(response.body());
		assertThat(frames.stream().map((frame) -> header(frame, ":event-type"))).containsExactly("messageStart",
				"contentBlockDelta", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata");
		for (Message frame : frames) {
			assertThat(header(frame, ":message-type")).isEqualTo("event");
			assertThat(header(frame, ":content-type")).isEqualTo("application/json");
		}
		assertThat(payload(frames.get(0)).path("role").asString()).isEqualTo("assistant");
		JsonNode delta = payload(frames.get(1));
		assertThat(delta.path("contentBlockIndex").asInt()).isZero();
		assertThat(delta.path("delta").path("text").asString()
				+ payload(frames.get(2)).path("delta").path("text").asString())
			.isEqualTo("one two three");
		assertThat(payload(frames.get(3)).path("contentBlockIndex").asInt()).isZero();
		assertThat(payload(frames.get(4)).path("stopReason").asString()).isEqualTo("end_turn");
		JsonNode metadata = payload(frames.get(5));
		assertThat(metadata.path("usage").path("inputTokens").asInt()).isEqualTo(12);
		assertThat(metadata.path("usage").path("outputTokens").asInt()).isEqualTo(3);
		assertThat(metadata.path("usage").path("totalTokens").asInt()).isEqualTo(15);
		assertThat(metadata.path("metrics").path("latencyMs").isNumber()).isTrue();
	}

	@Test
	void streamsTextThenAToolUse() throws Exception {
		List<Message> frames = decode(
				stream("m%3Btool_call%3Dlookup%3Breply%3DChecking.%3Bno_usage", ConverseRouteTests.TOOLS).body());
		assertThat(frames.stream().map((frame) -> header(frame, ":event-type"))).containsExactly("messageStart",
				"contentBlockDelta", "contentBlockStop", "contentBlockStart", "contentBlockDelta", "contentBlockStop",
				"messageStop");
		JsonNode start = payload(frames.get(3));
		assertThat(start.path("contentBlockIndex").asInt()).isEqualTo(1);
		assertThat(start.path("start").path("toolUse").path("name").asString()).isEqualTo("lookup");
		assertThat(start.path("start").path("toolUse").path("toolUseId").asString()).startsWith("tooluse_fake_");
		assertThat(payload(frames.get(4)).path("delta").path("toolUse").path("input").asString()).isEqualTo("{}");
		assertThat(payload(frames.get(6)).path("stopReason").asString()).isEqualTo("tool_use");
	}

	@Test
	void failsMidStreamWithAnExceptionFrame() throws Exception {
		List<Message> frames = decode(stream("m%3Berror_after_chunks%3D1", "").body());
		assertThat(frames).hasSize(3);
		Message exception = frames.get(2);
		assertThat(header(exception, ":message-type")).isEqualTo("exception");
		assertThat(header(exception, ":exception-type")).isEqualTo("modelStreamErrorException");
		assertThat(payload(exception).path("message").asString()).isNotBlank();
		Message throttled = decode(stream("m%3Berror%3D429%3Berror_after_chunks%3D0", "").body()).get(1);
		assertThat(header(throttled, ":exception-type")).isEqualTo("throttlingException");
	}

	@Test
	void aGuardrailStreamsItsTextAndStopReason() throws Exception {
		List<Message> frames = decode(stream("m%3Berror%3Dcontent_policy", "").body());
		assertThat(payload(frames.get(frames.size() - 2)).path("stopReason").asString())
			.isEqualTo("guardrail_intervened");
	}

	@Test
	void anErrorDirectiveAnswersBeforeStreaming() throws Exception {
		HttpResponse<byte[]> response = stream("m%3Berror%3D503", "");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ServiceUnavailableException");
	}

	private static HttpResponse<byte[]> stream(String modelId, String extra) throws Exception {
		return server.postForBytes("/model/" + modelId + "/converse-stream",
				ConverseRouteTests.CONVERSATION.formatted(100, extra));
	}

	private static List<Message> decode(byte[] body) {
		MessageDecoder decoder = new MessageDecoder();
		decoder.feed(body);
		return decoder.getDecodedMessages();
	}

	private static String header(Message frame, String name) {
		return frame.getHeaders().get(name).getString();
	}

	private static JsonNode payload(Message frame) {
		return TestServer.json(new String(frame.getPayload(), StandardCharsets.UTF_8));
	}

}
