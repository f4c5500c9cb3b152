package dev.llmgw.fake.anthropic;

import java.util.List;

import dev.llmgw.fake.StreamResult;
import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicMessagesStreamTests {

	private static final String STREAM = ",\"stream\":true";

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
	void streamsNamedEventsInAnthropicsOrder() throws Exception {
		StreamResult stream = stream("claude;reply=Hello there friend;chunks=2", STREAM);
		assertThat(stream.response().headers().firstValue("content-type")).hasValue("text/event-stream");
		assertThat(stream.events()).containsExactly("message_start", "ping", "content_block_start",
				"content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
		List<JsonNode> data = stream.chunks();
		for (int i = 0; i < data.size(); i++) {
			assertThat(data.get(i).path("type").asString()).isEqualTo(stream.events().get(i));
		}
		JsonNode message = data.get(0).path("message");
		assertThat(message.path("id").asString()).startsWith("msg_fake_");
		assertThat(message.path("model").asString()).isEqualTo("claude");
		assertThat(message.path("content").isEmpty()).isTrue();
		assertThat(message.path("stop_reason").isNull()).isTrue();
		assertThat(message.path("usage").path("input_tokens").asInt()).isEqualTo(12);
		assertThat(data.get(2).path("content_block").path("type").asString()).isEqualTo("text");
		assertThat(data.get(3).path("delta").path("type").asString()).isEqualTo("text_delta");
		assertThat(
				data.get(3).path("delta").path("text").asString() + data.get(4).path("delta").path("text").asString())
			.isEqualTo("Hello there friend");
		assertThat(data.get(6).path("delta").path("stop_reason").asString()).isEqualTo("end_turn");
		assertThat(data.get(6).path("usage").path("output_tokens").asInt()).isEqualTo(3);
	}

	@Test
	void streamsAToolUseAsInputJsonDeltas() throws Exception {
		StreamResult stream = stream("m;tool_call=lookup;reply=Checking.", AnthropicMessagesRouteTests.TOOLS + STREAM);
		assertThat(stream.events()).containsExactly("message_start", "ping", "content_block_start",
				"content_block_delta", "content_block_stop", "content_block_start", "content_block_delta",
				"content_block_stop", "message_delta", "message_stop");
		List<JsonNode> data = stream.chunks();
		JsonNode toolStart = data.get(5);
		assertThat(toolStart.path("index").asInt()).isEqualTo(1);
		assertThat(toolStart.path("content_block").path("type").asString()).isEqualTo("tool_use");
		assertThat(toolStart.path("content_block").path("name").asString()).isEqualTo("lookup");
		assertThat(toolStart.path("content_block").path("id").asString()).startsWith("toolu_fake_");
		assertThat(data.get(6).path("delta").path("type").asString()).isEqualTo("input_json_delta");
		assertThat(data.get(6).path("delta").path("partial_json").asString()).isEqualTo("{}");
		assertThat(data.get(8).path("delta").path("stop_reason").asString()).isEqualTo("tool_use");
	}

	@Test
	void failsMidStreamWithAnErrorEvent() throws Exception {
		StreamResult stream = stream("m;reply=a b c d;error_after_chunks=2", STREAM);
		assertThat(stream.response().statusCode()).isEqualTo(200);
		assertThat(stream.events()).containsExactly("message_start", "ping", "content_block_start",
				"content_block_delta", "content_block_delta", "error");
		JsonNode error = stream.chunks().get(5);
		assertThat(error.path("type").asString()).isEqualTo("error");
		assertThat(error.path("error").path("type").asString()).isEqualTo("overloaded_error");
		StreamResult limited = stream("m;error=429;error_after_chunks=0", STREAM);
		assertThat(limited.events()).endsWith("content_block_start", "error");
		assertThat(limited.chunks().get(3).path("error").path("type").asString()).isEqualTo("rate_limit_error");
	}

	@Test
	void leavesUsageOutWhenAskedTo() throws Exception {
		List<JsonNode> data = stream("m;no_usage", STREAM).chunks();
		assertThat(data.get(0).path("message").has("usage")).isFalse();
		assertThat(data.get(data.size() - 2).has("usage")).isFalse();
	}

	@Test
	void anErrorDirectiveAnswersBeforeStreaming() throws Exception {
		StreamResult stream = stream("m;error=503", STREAM);
		assertThat(stream.response().statusCode()).isEqualTo(529);
		assertThat(stream.response().headers().firstValue("content-type")).hasValue("application/json");
	}

	private static StreamResult stream(String model, String extra) throws Exception {
		return server.stream("/v1/messages", AnthropicMessagesRouteTests.CONVERSATION.formatted(model, 100, extra));
	}

}
