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

	@Test
	void theQuickScanLetThroughEveryLineTheExpressionWouldMask() {
		String[] lines = { "GET /v1/models?key=abc", "GET /x?API-KEY=abc&b=1", "GET /x?Access_Token=t", "new_key=sk-1",
				"caller=sk-abcdefgh", "Bearer SK-ABCDEFGH12", "call_id=sk-a_b-c_d-e", "x master_key=y",
				"call_id=1 POST /v1/chat/completions status=200 ms=1 model=m caller=sk-...abcd user=- team=-",
				"monkey=1", "sk-short", "tokens=3", "prompt_tokens=4 completion_tokens=6", "=key", "-sk" };
		for (String line : lines) {
			boolean masked = !LogValues.maskSecrets(line).equals(line);
			if (masked) {
				assertThat(LogValues.mayHoldSecret(line)).as(line).isTrue();
			}
		}
		// the access log's own lines, with the key's short form, skip the expression
		assertThat(LogValues.mayHoldSecret(
				"call_id=1 POST /v1/chat/completions status=200 ms=1 model=m caller=sk-...abcd prompt_tokens=4"))
			.isFalse();
		assertThat(LogValues.mayHoldSecret("monkey=1")).isTrue();
		assertThat(LogValues.maskSecrets("monkey=1")).isEqualTo("monkey=1");
	}

}
