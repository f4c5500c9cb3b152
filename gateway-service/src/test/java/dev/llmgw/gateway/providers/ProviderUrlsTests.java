package dev.llmgw.gateway.providers;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderUrlsTests {

	@Test
	void parsesOnceAndKeepsTheRawPathAndQuery() {
		ProviderUrls urls = new ProviderUrls();
		String url = "https://example.openai.azure.com/openai/deployments/gpt%2F4/chat/completions?api-version=2024-10-21";
		URI first = urls.parse(url);
		assertThat(first).isNotNull();
		assertThat(first.getHost()).isEqualTo("example.openai.azure.com");
		assertThat(first.getRawPath()).isEqualTo("/openai/deployments/gpt%2F4/chat/completions");
		assertThat(first.getRawQuery()).isEqualTo("api-version=2024-10-21");
		assertThat(urls.parse(url)).isSameAs(first);
	}

	@Test
	void leavesToReactorNettyWhatJavasParserReadsDifferently() {
		ProviderUrls urls = new ProviderUrls();
		// a compose service name: valid for DNS resolvers, but java.net.URI finds no host
		assertThat(urls.parse("http://fake_llm:8080/v1/chat/completions")).isNull();
		assertThat(urls.parse("http://host/models/a b:generateContent")).isNull();
		assertThat(urls.parse("/v1/chat/completions")).isNull();
		assertThat(urls.size()).isZero();
	}

	@Test
	void holdsAtMostItsBoundWhenCallersPutNamesIntoUrls() {
		ProviderUrls urls = new ProviderUrls();
		for (int i = 0; i < ProviderUrls.MAX_ENTRIES + 100; i++) {
			assertThat(urls.parse("http://127.0.0.1:9/v1beta/models/m" + i + ":generateContent")).isNotNull();
		}
		assertThat(urls.size()).isEqualTo(ProviderUrls.MAX_ENTRIES);
	}

}
