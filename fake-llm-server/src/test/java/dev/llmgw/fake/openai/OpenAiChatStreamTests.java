package dev.llmgw.fake.openai;

import java.util.List;

import dev.llmgw.fake.StreamResult;
import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiChatStreamTests {

	private static final String REQUEST = """
			{"model":"%s","stream":true,%s"messages":[{"role":"user","content":"one two three four five"}]}""";

	private static final String REPLY = "You said: one two three four five";

	private static final String INCLUDE_USAGE = "\"stream_options\":{\"include_usage\":true},";

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
	void streamsOneChunkPerWordFramedAsOpenAiDoes() throws Exception {
		StreamResult stream = server.stream("/v1/chat/completions", REQUEST.formatted("gpt-4o", ""));
		assertThat(stream.response().statusCode()).isEqualTo(200);
		assertThat(stream.response().headers().firstValue("content-type")).hasValue("text/event-stream");
		assertThat(stream.complete()).isTrue();
		assertThat(stream.data()).last().isEqualTo("[DONE]");
		List<JsonNode> chunks = stream.chunks();
		JsonNode first = chunks.get(0);
		assertThat(first.path("object").asString()).isEqualTo("chat.completion.chunk");
		assertThat(first.path("model").asString()).isEqualTo("gpt-4o");
		assertThat(first.path("system_fingerprint").asString()).isEqualTo("fp_fake");
		assertThat(first.path("choices").get(0).path("delta").path("role").asString()).isEqualTo("assistant");
		assertThat(first.path("choices").get(0).path("delta").path("content").asString()).isEmpty();
		assertThat(first.path("choices").get(0).path("finish_reason").isNull()).isTrue();
		List<String> pieces = contentPieces(chunks);
		assertThat(pieces).hasSize(7);
		assertThat(String.join("", pieces)).isEqualTo(REPLY);
		JsonNode finish = chunks.get(chunks.size() - 1);
		assertThat(finish.path("choices").get(0).path("delta").isEmpty()).isTrue();
		assertThat(finish.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.has("usage")).isFalse();
			assertThat(chunk.path("id").asString()).isEqualTo(first.path("id").asString());
		});
	}

	@Test
	void sendsAUsageChunkOnlyWhenAskedTo() throws Exception {
		StreamResult stream = server.stream("/v1/chat/completions", REQUEST.formatted("m", INCLUDE_USAGE));
		List<JsonNode> chunks = stream.chunks();
		JsonNode usageChunk = chunks.get(chunks.size() - 1);
		assertThat(usageChunk.path("choices").isEmpty()).isTrue();
		OpenAiChatRouteTests.assertUsage(usageChunk, 5, 7);
		assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy((chunk) -> {
			assertThat(chunk.has("usage")).isTrue();
			assertThat(chunk.path("usage").isNull()).isTrue();
		});
		assertThat(chunks.get(chunks.size() - 2).path("choices").get(0).path("finish_reason").asString())
			.isEqualTo("stop");
		assertThat(stream.data()).last().isEqualTo("[DONE]");
	}

	@Test
	void theChunksDirectiveSetsTheNumberOfContentChunks() throws Exception {
		List<String> pieces = contentPieces(
				server.stream("/v1/chat/completions", REQUEST.formatted("m;chunks=3", "")).chunks());
		assertThat(pieces).containsExactly("You said: ", "one two ", "three four five");
		List<String> capped = contentPieces(
				server.stream("/v1/chat/completions", REQUEST.formatted("m", ""), "x-fake-chunks", "50").chunks());
		assertThat(capped).hasSize(7);
		assertThat(String.join("", capped)).isEqualTo(REPLY);
	}

	@Test
	void errorAfterChunksDropsTheConnectionMidStream() throws Exception {
		StreamResult stream = server.stream("/v1/chat/completions", REQUEST.formatted("m;error_after_chunks=2", ""));
		assertThat(stream.response().statusCode()).isEqualTo(200);
		assertThat(stream.complete()).isFalse();
		assertThat(stream.data()).doesNotContain("[DONE]");
		// the JDK client may report the reset before handing over the lines it had
		// already read, so only a
		// prefix of the two promised chunks is certain here; the gateway's own tests see
		// both arrive
		List<String> pieces = contentPieces(stream.chunks());
		assertThat(List.of("You ", "said: ")).startsWith(pieces.toArray(new String[0]));
	}

	@Test
	void pacesTheStreamWithLatencyAndChunkDelay() throws Exception {
		long start = System.nanoTime();
		StreamResult stream = server.stream("/v1/chat/completions",
				REQUEST.formatted("m;latency_ms=100;chunk_delay_ms=20;chunks=2", ""));
		// role, 2 content, finish and [DONE]: 4 gaps after the initial latency
		assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(180);
		assertThat(stream.complete()).isTrue();
	}

	@Test
	void streamsEveryChoice() throws Exception {
		List<JsonNode> chunks = server.stream("/v1/chat/completions", REQUEST.formatted("m;chunks=1", "\"n\":2,"))
			.chunks();
		assertThat(chunks).hasSize(6);
		assertThat(chunks.stream().map((chunk) -> chunk.path("choices").get(0).path("index").asInt()))
			.containsExactly(0, 1, 0, 1, 0, 1);
	}

	@Test
	void streamsAToolCall() throws Exception {
		String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}],";
		List<JsonNode> chunks = server.stream("/v1/chat/completions", REQUEST.formatted("m;tool_call=lookup", tools))
			.chunks();
		JsonNode start = chunks.get(0).path("choices").get(0).path("delta").path("tool_calls").get(0);
		assertThat(start.path("function").path("name").asString()).isEqualTo("lookup");
		assertThat(start.path("id").asString()).startsWith("call_fake_");
		JsonNode arguments = chunks.get(1).path("choices").get(0).path("delta").path("tool_calls").get(0);
		assertThat(arguments.path("function").path("arguments").asString()).isEqualTo("{}");
		assertThat(chunks.get(2).path("choices").get(0).path("finish_reason").asString()).isEqualTo("tool_calls");
	}

	@Test
	void anErrorDirectiveAnswersBeforeStreaming() throws Exception {
		StreamResult stream = server.stream("/v1/chat/completions", REQUEST.formatted("m;error=503", ""));
		assertThat(stream.response().statusCode()).isEqualTo(503);
		assertThat(stream.response().headers().firstValue("content-type")).hasValue("application/json");
	}

	private static List<String> contentPieces(List<JsonNode> chunks) {
		return chunks.stream()
			.filter((chunk) -> !chunk.path("choices").isEmpty())
			.map((chunk) -> chunk.path("choices").get(0).path("delta"))
			.filter((delta) -> !delta.has("role") && delta.has("content"))
			.map((delta) -> delta.path("content").asString())
			.toList();
	}

}
