package dev.llmgw.gateway.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Escaping of callers' values and masking of secrets in log text. */
class LogValuesTests {

	@Test
	void controlCharactersAreWrittenAsEscapes() {
		assertThat(LogValues.escape("gpt\nACCESS forged\r\t\u0000\u001b[31m\u2028end"))
			.isEqualTo("gpt\\nACCESS forged\\r\\t\\u0000\\u001b[31m\\u2028end");
		assertThat(LogValues.escape("plain é 中 😀")).isEqualTo("plain é 中 😀");
		assertThat(LogValues.escape(null)).isEqualTo("null");
	}

	@Test
	void keysInQueryStringsAndSkKeysAreMasked() {
		assertThat(LogValues.maskSecrets("HTTP GET \"/key/info?key=sk-abcdefgh1234&page=2\" [Handler]"))
			.isEqualTo("HTTP GET \"/key/info?key=****&page=2\" [Handler]");
		assertThat(LogValues.maskSecrets("/spend/logs?api_key=abc123&token=t0k&user_id=u"))
			.isEqualTo("/spend/logs?api_key=****&token=****&user_id=u");
		assertThat(LogValues.maskSecrets("refused sk-live0123456789abcdef for user"))
			.isEqualTo("refused sk-**** for user");
		assertThat(LogValues.maskSecrets("caller=sk-...abcd key_alias=mine monkey=banana"))
			.as("the short form, other fields and words ending in key stay")
			.isEqualTo("caller=sk-...abcd key_alias=mine monkey=banana");
	}

}
