package dev.llmgw.gateway.guardrails;

import java.util.List;

import dev.llmgw.model.openai.ChatCompletionRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text of a prompt reaches the guardrails, and goes back masked in its place. */
class CallTextsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void contentPartsAndEarlierToolCallsAreReadAndWrittenBackInOrder() throws Exception {
		ChatCompletionRequest request = JSON.readValue("""
				{"model": "m", "messages": [
				  {"role": "system", "content": "sys"},
				  {"role": "user", "content": [{"type": "text", "text": "part one"},
				    {"type": "image_url", "image_url": {"url": "data:x"}}, {"type": "text", "text": "part two"}]},
				  {"role": "assistant", "content": null, "tool_calls": [
				    {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{\\"secret\\": 1}"}}]},
				  {"role": "tool", "tool_call_id": "c1", "content": "tool said"}]}
				""", ChatCompletionRequest.class);
		List<String> texts = CallTexts.prompt(request);
		assertThat(texts).containsExactly("sys", "part one", "part two", "{\"secret\": 1}", "tool said");
		ChatCompletionRequest masked = (ChatCompletionRequest) CallTexts.withPrompt(request,
				List.of("S", "P1", "P2", "{\"secret\": \"[MASKED]\"}", "T"));
		assertThat(CallTexts.prompt(masked)).containsExactly("S", "P1", "P2", "{\"secret\": \"[MASKED]\"}", "T");
		String json = JSON.writeValueAsString(masked);
		assertThat(json).contains("data:x").contains("\"tool_call_id\":\"c1\"").doesNotContain("part one");
	}

}
