package dev.llmgw.gateway.audio;

import java.net.http.HttpResponse;
import java.util.List;

import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.SoftAssertions;

/**
 * Wrong types and worst values on /v1/audio/speech and /v1/moderations: 4xx in OpenAI's
 * shape, and a provider's failure without its key. (A NUL in {@code input} is the
 * caller's business and goes on, as for chat: see CallerInput.)
 */
class SpeechAndModerationEdgeTests extends GatewayTestBase {

	@Test
	void wrongValuesAre400s() {
		SoftAssertions soft = new SoftAssertions();
		for (String body : List.of("{\"model\":\"tts\",\"input\":5,\"voice\":\"a\"}",
				"{\"model\":\"tts\",\"input\":\"x\",\"voice\":null}",
				"{\"model\":\"tts\",\"input\":\"x\",\"voice\":\"a\",\"speed\":\"x\"}",
				"{\"model\":5,\"input\":\"x\",\"voice\":\"a\"}",
				"{\"model\":\"tts\",\"input\":\"x\",\"voice\":{\"id\":5}}",
				"{\"model\":\"tts\",\"input\":\"x\",\"voice\":\"a\",\"response_format\":5}", "[]", "\"x\"",
				"{\"model\":\"nope\",\"input\":\"x\",\"voice\":\"a\"}")) {
			HttpResponse<String> answer = post("/v1/audio/speech", body);
			soft.assertThat(answer.statusCode()).as(body + " -> " + answer.body()).isBetween(400, 404);
			soft.assertThat(answer.body()).as(body).contains("\"error\"");
		}
		for (String body : List.of("{\"model\":\"moderation\",\"input\":{}}",
				"{\"model\":\"moderation\",\"input\":[null]}", "{\"model\":\"moderation\",\"input\":[{\"type\":5}]}",
				"{\"model\":\"moderation\",\"input\":[]}", "{\"model\":[],\"input\":\"x\"}", "[]")) {
			HttpResponse<String> answer = post("/v1/moderations", body);
			soft.assertThat(answer.statusCode()).as(body + " -> " + answer.body()).isBetween(400, 404);
		}
		HttpResponse<String> events = post("/v1/audio/speech",
				"{\"model\":\"tts\",\"input\":\"x\",\"voice\":\"a\",\"stream_format\":\"sse\"}");
		soft.assertThat(events.headers().firstValue("content-type").orElse(""))
			.as("stream_format sse is answered as events, not audio")
			.startsWith("text/event-stream");
		soft.assertThat(post("/v1/audio/speech",
				"{\"model\":\"tts\",\"input\":\"x\",\"voice\":\"a\",\"stream_format\":\"mp4\"}")
			.statusCode()).isEqualTo(400);
		HttpResponse<String> broken = post("/v1/audio/speech",
				"{\"model\":\"tts-broken\",\"input\":\"x\",\"voice\":\"a\"}");
		soft.assertThat(broken.body()).as("tts-broken").contains("\"error\"").doesNotContain("api_key", "Bearer");
		soft.assertAll();
	}

}
