package dev.llmgw.fake.gemini;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.fake.reply.Words;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a {@code generateContent} request that shape the fake's answer.
 *
 * @param promptWords words across the system instruction and the text parts
 * @param lastUserText text of the last user turn that has text, or null
 * @param hasTools whether the request declares functions
 * @param maxOutputTokens {@code generationConfig.maxOutputTokens}, 0 when not given
 * @param stopSequences {@code generationConfig.stopSequences}
 * @see <a href="https://ai.google.dev/api/generate-content">Generating content</a>
 */
record GenerateRequest(int promptWords, @Nullable String lastUserText, boolean hasTools, int maxOutputTokens,
		List<String> stopSequences) {

	static GenerateRequest from(JsonNode body) {
		int promptWords = Words.count(text(body.path("systemInstruction")));
		String lastUserText = null;
		for (JsonNode content : body.path("contents")) {
			String text = text(content);
			promptWords += Words.count(text);
			// the role may be left out of a single-turn request, and then it is the
			// user's
			if (!"model".equals(content.path("role").asString("user")) && !text.isEmpty()) {
				lastUserText = text;
			}
		}
		boolean hasTools = false;
		for (JsonNode tool : body.path("tools")) {
			hasTools |= !tool.path("functionDeclarations").isEmpty();
		}
		JsonNode config = body.path("generationConfig");
		List<String> stopSequences = new ArrayList<>();
		for (JsonNode sequence : config.path("stopSequences")) {
			stopSequences.add(sequence.asString(""));
		}
		return new GenerateRequest(promptWords, lastUserText, hasTools, config.path("maxOutputTokens").asInt(0),
				stopSequences);
	}

	/**
	 * The text parts of a content, joined by spaces; inline data, function calls and
	 * function responses do not count.
	 */
	static String text(JsonNode content) {
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content.path("parts")) {
			String piece = part.path("text").asString("");
			if (!piece.isEmpty()) {
				text.append((text.length() > 0) ? " " : "").append(piece);
			}
		}
		return text.toString();
	}

}
