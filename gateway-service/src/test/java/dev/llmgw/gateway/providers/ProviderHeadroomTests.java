package dev.llmgw.gateway.providers;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderHeadroomTests {

	@Test
	void readsOpenAisAndAnthropicsHeadersAndLeavesOutWhatIsNotACount() {
		ProviderHeadroom headroom = new ProviderHeadroom();
		headroom.read("openai-1", new DefaultHttpHeaders().add("x-ratelimit-remaining-requests", "59")
			.add("x-ratelimit-remaining-tokens", "149984"));
		headroom.read("claude-1", new DefaultHttpHeaders().add("anthropic-ratelimit-requests-remaining", "49")
			.add("anthropic-ratelimit-tokens-remaining", "39000"));
		headroom.read("odd-1", new DefaultHttpHeaders().add("x-ratelimit-remaining-requests", "12.5")
			.add("x-ratelimit-remaining-tokens", "99999999999999999999999"));
		headroom.read("silent-1", new DefaultHttpHeaders());

		assertThat(headroom.of("openai-1")).isEqualTo(new ProviderHeadroom.Remaining(59, 149984));
		assertThat(headroom.of("claude-1")).isEqualTo(new ProviderHeadroom.Remaining(49, 39000));
		assertThat(headroom.of("odd-1")).as("neither is a count").isNull();
		assertThat(headroom.of("silent-1")).isNull();
		assertThat(headroom.of(null)).isNull();

		headroom.read("openai-1", new DefaultHttpHeaders().add("x-ratelimit-remaining-requests", "58"));
		assertThat(headroom.of("openai-1")).as("the latest answer wins")
			.isEqualTo(new ProviderHeadroom.Remaining(58, -1));
	}

}
