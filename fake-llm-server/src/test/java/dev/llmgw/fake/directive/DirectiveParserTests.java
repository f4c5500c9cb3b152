package dev.llmgw.fake.directive;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DirectiveParserTests {

	@Test
	void aPlainRequestHasNoDirectives() {
		assertThat(DirectiveParser.parse(headers(), "gpt-4o")).isSameAs(Directives.NONE);
		assertThat(DirectiveParser.parse(headers("content-type", "application/json"), null)).isSameAs(Directives.NONE);
	}

	@Test
	void readsDirectivesFromTheModelName() {
		Directives directives = DirectiveParser.parse(headers(),
				"fake-model;latency_ms=200;chunks=3;reply=Hi there;error=429;retry_after=2");
		assertThat(directives.latencyMs()).isEqualTo(200);
		assertThat(directives.chunks()).isEqualTo(3);
		assertThat(directives.reply()).isEqualTo("Hi there");
		assertThat(directives.error()).isEqualTo(FakeError.of(ErrorKind.RATE_LIMIT));
		assertThat(directives.retryAfterSeconds()).isEqualTo(2);
	}

	@Test
	void readsDirectivesFromHeaders() {
		Directives directives = DirectiveParser.parse(headers("X-Fake-Chunk-Delay-Ms", "15", "x-fake-tool-call",
				"get_weather", "x-fake-echo", "", "x-fake-fail-key", "k1", "x-fake-fail-times", "2"), "m");
		assertThat(directives.chunkDelayMs()).isEqualTo(15);
		assertThat(directives.toolCall()).isEqualTo("get_weather");
		assertThat(directives.echo()).isTrue();
		assertThat(directives.failKey()).isEqualTo("k1");
		assertThat(directives.failTimes()).isEqualTo(2);
	}

	@Test
	void acceptsBothSpellingsInBothPlaces() {
		assertThat(DirectiveParser.parse(headers("x-fake-latency_ms", "5"), "m").latencyMs()).isEqualTo(5);
		assertThat(DirectiveParser.parse(headers(), "m;latency-ms=7").latencyMs()).isEqualTo(7);
		assertThat(DirectiveParser.parse(headers(), "m;Error-After-Chunks=2").errorAfterChunks()).isEqualTo(2);
	}

	@Test
	void aHeaderWinsOverTheModelName() {
		Directives directives = DirectiveParser.parse(headers("x-fake-chunks", "5"), "m;chunks=2;latency_ms=9");
		assertThat(directives.chunks()).isEqualTo(5);
		assertThat(directives.latencyMs()).isEqualTo(9);
	}

	@Test
	void ignoresUnknownNamesAndUnreadableValues() {
		Directives directives = DirectiveParser.parse(headers("x-fake-colour", "blue"),
				"m;latency_ms=soon;chunks=-2;error=teapot;fail_times=0;mystery;=3");
		assertThat(directives).isEqualTo(Directives.NONE);
	}

	@Test
	void anEchoSegmentNeedsNoValue() {
		assertThat(DirectiveParser.parse(headers(), "m;echo").echo()).isTrue();
	}

	@Test
	void theBaseModelIsTheNameBeforeTheFirstSemicolon() {
		assertThat(DirectiveParser.baseModel("gpt-4o;error=429;retry_after=2")).isEqualTo("gpt-4o");
		assertThat(DirectiveParser.baseModel("gpt-4o")).isEqualTo("gpt-4o");
	}

	private static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new DefaultHttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

}
