package dev.llmgw.middleware.bedrock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.llmgw.model.bedrock.ConverseRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Converse translators: the request golden file (text, system, multi-turn, images,
 * tools both ways, inference settings, history fields kept out), stop reasons and usage
 * of the response, and stream frames that the AWS SDK's own decoder reads back byte for
 * byte, CRCs included.
 */
class ConverseTranslatorTests {

	private static final Path FIXTURES = Path.of("src/test/resources/fixtures/converse-openai");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aConverseRequestBecomesTheOpenAiRequest() throws IOException {
		ConverseRequest converse = JSON.readValue(Files.readString(FIXTURES.resolve("conversation.input.json")),
				ConverseRequest.class);
		ObjectNode openAi = new ConverseToOpenAiTranslator(JSON).translate(converse, "claude", false);
		assertThat(openAi).as(openAi.toString())
			.isEqualTo(JSON.readTree(Files.readString(FIXTURES.resolve("conversation.expected.json"))));
		ObjectNode streaming = new ConverseToOpenAiTranslator(JSON).translate(converse, "claude", true);
		assertThat(streaming.path("stream").asBoolean()).isTrue();
		assertThat(streaming.at("/stream_options/include_usage").asBoolean()).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "stop, end_turn", "length, max_tokens", "tool_calls, tool_use", "content_filter, content_filtered" })
	void finishReasonsBecomeStopReasons(String finish, String stop) {
		JsonNode completion = JSON
			.readTree("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}," + "\"finish_reason\":\""
					+ finish + "\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2," + "\"total_tokens\":5}}");
		JsonNode converse = JSON.valueToTree(new OpenAiToConverseTranslator(JSON).translate(completion, 12));
		assertThat(converse.path("stopReason").asString()).isEqualTo(stop);
		assertThat(converse.path("usage").toString())
			.isEqualTo("{\"inputTokens\":3,\"outputTokens\":2,\"totalTokens\":5}");
		assertThat(converse.at("/metrics/latencyMs").asLong()).isEqualTo(12);
		assertThat(converse.at("/output/message/content/0/text").asString()).isEqualTo("hi");
	}

	@Test
	void aGuardrailConfigGoesOnForTheGatewayToRunOrRefuse() throws IOException {
		ConverseRequest converse = JSON.readValue("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}],"
				+ "\"guardrailConfig\":{\"guardrailIdentifier\":\"gr-1\",\"guardrailVersion\":\"2\",\"trace\":\"enabled\"}}",
				ConverseRequest.class);
		ObjectNode openAi = new ConverseToOpenAiTranslator(JSON).translate(converse, "claude", false);
		assertThat(openAi.at("/guardrailConfig/guardrailIdentifier").asString()).isEqualTo("gr-1");
		assertThat(openAi.at("/guardrailConfig/guardrailVersion").asString()).isEqualTo("2");
	}

	@Test
	void streamFramesAreWhatTheSdkDecoderReadsBack() {
		OpenAiToConverseStreamTranslator translator = new OpenAiToConverseStreamTranslator(JSON);
		String sse = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
				+ "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
				+ "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\","
				+ "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]}}]}\n\n"
				+ "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
				+ "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":6,\"total_tokens\":10}}\n\n"
				+ "data: [DONE]\n\n";
		byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
		List<byte[]> frames = new ArrayList<>();
		// the network may cut the stream anywhere: feed it three bytes at a time
		for (int i = 0; i < bytes.length; i += 3) {
			byte[] piece = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 3));
			frames.addAll(translator.onChunk(piece));
		}
		assertThat(translator.onEnd()).isEmpty();
		List<Message> decoded = new ArrayList<>();
		MessageDecoder decoder = new MessageDecoder(decoded::add);
		for (byte[] frame : frames) {
			decoder.feed(frame);
		}
		assertThat(decoded).extracting((message) -> message.getHeaders().get(":event-type").getString())
			.containsExactly("messageStart", "contentBlockDelta", "contentBlockStop", "contentBlockStart",
					"contentBlockDelta", "contentBlockStop", "messageStop", "metadata");
		assertThat(decoded).allSatisfy((message) -> {
			assertThat(message.getHeaders().get(":message-type").getString()).isEqualTo("event");
			assertThat(message.getHeaders().get(":content-type").getString()).isEqualTo("application/json");
		});
		assertThat(payload(decoded.get(1))).isEqualTo("{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}");
		assertThat(payload(decoded.get(3)))
			.isEqualTo("{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"toolUseId\":\"c1\",\"name\":\"f\"}}}");
		assertThat(payload(decoded.get(4)))
			.isEqualTo("{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"a\\\":1}\"}}}");
		assertThat(payload(decoded.get(6))).isEqualTo("{\"stopReason\":\"tool_use\"}");
		assertThat(payload(decoded.get(7)))
			.startsWith("{\"usage\":{\"inputTokens\":4,\"outputTokens\":6,\"totalTokens\":10}");
		// re-encoding what the SDK decoded gives the very bytes sent
		for (int i = 0; i < frames.size(); i++) {
			ByteBuffer again = decoded.get(i).toByteBuffer();
			byte[] reencoded = new byte[again.remaining()];
			again.get(reencoded);
			assertThat(reencoded).isEqualTo(frames.get(i));
		}
	}

	@Test
	void aGatewayErrorMidStreamBecomesAnExceptionFrame() {
		OpenAiToConverseStreamTranslator translator = new OpenAiToConverseStreamTranslator(JSON);
		List<byte[]> frames = new ArrayList<>(
				translator.onChunk("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
					.getBytes(StandardCharsets.UTF_8)));
		frames.addAll(translator
			.onChunk(("data: {\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"," + "\"code\":\"429\"}}\n\n")
				.getBytes(StandardCharsets.UTF_8)));
		List<Message> decoded = new ArrayList<>();
		MessageDecoder decoder = new MessageDecoder(decoded::add);
		frames.forEach(decoder::feed);
		Message last = decoded.get(decoded.size() - 1);
		assertThat(last.getHeaders().get(":message-type").getString()).isEqualTo("exception");
		assertThat(last.getHeaders().get(":exception-type").getString()).isEqualTo("throttlingException");
		assertThat(payload(last)).isEqualTo("{\"message\":\"slow down\"}");
		assertThat(translator.onEnd()).as("nothing follows an exception").isEmpty();
	}

	private static String payload(Message message) {
		return new String(message.getPayload(), StandardCharsets.UTF_8);
	}

}
