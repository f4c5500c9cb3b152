package dev.llmgw.fake.bedrock;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.fake.reply.Words;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a Converse request that shape the fake's answer.
 *
 * @param promptWords words across the system prompt, text blocks and tool results
 * @param lastUserText text of the last user message that has text, or null
 * @param hasTools whether {@code toolConfig} offers tools
 * @param maxTokens {@code inferenceConfig.maxTokens}, 0 when not given
 * @param stopSequences {@code inferenceConfig.stopSequences}
 * @see <a href=
 * "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html">Converse</a>
 */
record ConverseRequest(int promptWords, @Nullable String lastUserText, boolean hasTools, int maxTokens,
		List<String> stopSequences) {

	static ConverseRequest from(JsonNode body) {
		int promptWords = Words.count(text(body.path("system"), true));
		String lastUserText = null;
		for (JsonNode message : body.path("messages")) {
			JsonNode content = message.path("content");
			promptWords += Words.count(text(content, true));
			String text = text(content, false);
			if ("user".equals(message.path("role").asString("")) && !text.isEmpty()) {
				lastUserText = text;
			}
		}
		JsonNode config = body.path("inferenceConfig");
		List<String> stopSequences = new ArrayList<>();
		for (JsonNode sequence : config.path("stopSequences")) {
			stopSequences.add(sequence.asString(""));
		}
		return new ConverseRequest(promptWords, lastUserText, !body.path("toolConfig").path("tools").isEmpty(),
				config.path("maxTokens").asInt(0), stopSequences);
	}

	/**
	 * The text blocks of a content list, and, when {@code withToolResults}, the text and
	 * JSON inside tool results, which are prompt tokens too; images and tool-use inputs
	 * do not count.
	 */
	private static String text(JsonNode content, boolean withToolResults) {
		StringBuilder text = new StringBuilder();
		for (JsonNode block : content) {
			String piece = "";
			if (block.path("text").isString()) {
				piece = block.path("text").stringValue();
			}
			else if (withToolResults && block.has("json")) {
				piece = block.path("json").toString();
			}
			else if (withToolResults && block.has("toolResult")) {
				piece = text(block.path("toolResult").path("content"), true);
			}
			if (!piece.isEmpty()) {
				text.append((text.length() > 0) ? " " : "").append(piece);
			}
		}
		return text.toString();
	}

}
