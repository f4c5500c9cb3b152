package dev.llmgw.gateway.providers.openai;

import java.nio.charset.StandardCharsets;

import dev.llmgw.gateway.providers.SseEvent;
import dev.llmgw.gateway.providers.StreamTally;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiStreamRelayTests {

	private static final String CONTENT = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],\"usage\":null}";

	private static final String USAGE_ONLY = "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,\"total_tokens\":8}}";

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void passesChunksThroughUnchanged() {
		OpenAiStreamRelay relay = new OpenAiStreamRelay(this.mapper, false, new StreamTally());
		assertThat(text(relay.relay(event(CONTENT)))).isEqualTo("data: " + CONTENT + "\n\n");
	}

	@Test
	void hidesTheUsageChunkTheCallerDidNotAskForButCountsIt() {
		StreamTally tally = new StreamTally();
		OpenAiStreamRelay relay = new OpenAiStreamRelay(this.mapper, false, tally);
		assertThat(relay.relay(event(USAGE_ONLY))).isNull();
		assertThat(tally.usage().promptTokens()).isEqualTo(3);
		assertThat(tally.usage().completionTokens()).isEqualTo(5);
	}

	@Test
	void keepsTheUsageChunkWhenAskedFor() {
		StreamTally tally = new StreamTally();
		OpenAiStreamRelay relay = new OpenAiStreamRelay(this.mapper, true, tally);
		assertThat(text(relay.relay(event(USAGE_ONLY)))).isEqualTo("data: " + USAGE_ONLY + "\n\n");
		assertThat(tally.usage().totalTokens()).isEqualTo(8);
	}

	@Test
	void keepsUsageOnAChunkThatAlsoHasChoices() {
		String both = "{\"choices\":[{\"index\":0,\"delta\":{}}],\"usage\" : {\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
		StreamTally tally = new StreamTally();
		assertThat(new OpenAiStreamRelay(this.mapper, false, tally).relay(event(both))).isNotNull();
		assertThat(tally.usage().totalTokens()).isEqualTo(2);
	}

	@Test
	void endsWithExactlyOneDone() {
		OpenAiStreamRelay relay = new OpenAiStreamRelay(this.mapper, false, new StreamTally());
		assertThat(text(relay.relay(event("[DONE]")))).isEqualTo("data: [DONE]\n\n");
		assertThat(relay.finish()).isNull();
		assertThat(relay.relay(event(CONTENT))).as("nothing after [DONE]").isNull();
		OpenAiStreamRelay forgetful = new OpenAiStreamRelay(this.mapper, false, new StreamTally());
		assertThat(text(forgetful.finish())).isEqualTo("data: [DONE]\n\n");
	}

	@Test
	void usageDetectionIgnoresNullAndMentionsInText() {
		assertThat(OpenAiStreamRelay.hasUsageObject(bytes(CONTENT))).isFalse();
		assertThat(OpenAiStreamRelay.hasUsageObject(bytes("{\"content\":\"the \\\"usage\\\" word\"}"))).isFalse();
		assertThat(OpenAiStreamRelay.hasUsageObject(bytes(USAGE_ONLY))).isTrue();
	}

	private static SseEvent event(String data) {
		return new SseEvent(null, bytes(data));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
