package dev.llmgw.gateway.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromptBoundTests {

	@Test
	void thePromptBoundCannotBeUndercutByTheTokenizer() {
		// 2,000 one-letter words are 2,000 tokens to every tokenizer; four characters a
		// token made them 1,000
		String words = "a ".repeat(2_000);
		ChatCompletionRequest request = new ChatCompletionRequest("m", List.of(ChatMessage.of("user", words)), false,
				null, null, null, null, null, null, null, null, new LinkedHashMap<>());
		assertThat(PromptBound.of(request)).isGreaterThanOrEqualTo(4_000);
		assertThat(PromptBound.tokens("héllo €")).as("UTF-8 bytes").isEqualTo(10);
		assertThat(PromptBound.tokens("😀")).isEqualTo(4);
		Map<String, Object> image = Map.of("type", "image_url", "image_url",
				Map.of("url", "data:image/png;base64," + "A".repeat(100_000)));
		assertThat(PromptBound.tokens(List.of(image))).as("an image costs its allowance, not its bytes")
			.isEqualTo(PromptBound.IMAGE_TOKENS);
		assertThat(PromptBound.tokens(Map.of("tools", List.of(Map.of("description", "d".repeat(500))))))
			.as("tool definitions count")
			.isGreaterThan(500);
	}

}
