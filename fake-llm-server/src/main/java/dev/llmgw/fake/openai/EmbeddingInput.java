package dev.llmgw.fake.openai;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.fake.reply.Words;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One input to embed.
 *
 * @param text what the vector is derived from (token arrays use their JSON text)
 * @param tokens its prompt tokens: words of a string, length of a token array
 */
record EmbeddingInput(String text, int tokens) {

	/**
	 * Reads {@code input}: a string, an array of strings, an array of token ids (one
	 * input), or an array of token-id arrays.
	 * @return the inputs, or null when {@code input} is missing or of another shape
	 */
	static @Nullable List<EmbeddingInput> from(JsonNode input) {
		if (input.isString()) {
			return List.of(ofText(input.stringValue()));
		}
		if (!input.isArray() || input.isEmpty()) {
			return null;
		}
		if (input.get(0).isNumber()) {
			return List.of(ofTokens(input));
		}
		List<EmbeddingInput> inputs = new ArrayList<>(input.size());
		for (JsonNode item : input) {
			if (item.isString()) {
				inputs.add(ofText(item.stringValue()));
			}
			else if (item.isArray()) {
				inputs.add(ofTokens(item));
			}
			else {
				return null;
			}
		}
		return inputs;
	}

	private static EmbeddingInput ofText(String text) {
		return new EmbeddingInput(text, Words.count(text));
	}

	private static EmbeddingInput ofTokens(JsonNode tokens) {
		return new EmbeddingInput(tokens.toString(), tokens.size());
	}

}
