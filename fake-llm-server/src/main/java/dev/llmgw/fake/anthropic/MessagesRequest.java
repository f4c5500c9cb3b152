package dev.llmgw.fake.anthropic;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.fake.reply.Words;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a Messages request that shape the fake's answer.
 *
 * @param model the model string as sent, directive segments included
 * @param maxTokens the output token limit
 * @param promptWords words across the system prompt, text blocks and tool results
 * @param lastUserText text of the last user message that has text, or null
 * @param stream whether to stream
 * @param hasTools whether the request offers tools
 * @param stopSequences the stop sequences
 * @see <a href="https://docs.anthropic.com/en/api/messages">Messages</a>
 */
record MessagesRequest(String model, int maxTokens, int promptWords, @Nullable String lastUserText, boolean stream,
		boolean hasTools, List<String> stopSequences) {

	/**
	 * The field that a valid request lacks, in Anthropic's {@code field: Field required}
	 * wording, or null when the required fields are there.
	 */
	static @Nullable String missingField(JsonNode body) {
		if (!body.path("model").isString()) {
			return "model";
		}
		if (!body.path("max_tokens").isInt()) {
			return "max_tokens";
		}
		return body.path("messages").isArray() ? null : "messages";
	}

	static MessagesRequest from(JsonNode body) {
		int promptWords = Words.count(text(body.path("system"), true));
		String lastUserText = null;
		for (JsonNode message : body.path("messages")) {
			JsonNode content = message.path("content");
			promptWords += Words.count(text(content, true));
			if ("user".equals(message.path("role").asString("")) && hasText(content)) {
				lastUserText = text(content, false);
			}
		}
		List<String> stopSequences = new ArrayList<>();
		for (JsonNode sequence : body.path("stop_sequences")) {
			stopSequences.add(sequence.asString(""));
		}
		JsonNode tools = body.path("tools");
		return new MessagesRequest(body.path("model").asString(), body.path("max_tokens").asInt(), promptWords,
				lastUserText, body.path("stream").asBoolean(false), tools.isArray() && !tools.isEmpty(), stopSequences);
	}

	private static boolean hasText(JsonNode content) {
		if (content.isString()) {
			return true;
		}
		for (JsonNode block : content) {
			if ("text".equals(block.path("type").asString(""))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Content is a string or an array of blocks; text blocks count, and so do the texts
	 * inside {@code tool_result} blocks when {@code withToolResults}, since they are
	 * prompt tokens too. Images and {@code tool_use} inputs do not count.
	 */
	private static String text(JsonNode content, boolean withToolResults) {
		if (content.isString()) {
			return content.stringValue();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode block : content) {
			String type = block.path("type").asString("");
			String piece = null;
			if ("text".equals(type)) {
				piece = block.path("text").asString("");
			}
			else if (withToolResults && "tool_result".equals(type)) {
				piece = text(block.path("content"), false);
			}
			if (piece != null && !piece.isEmpty()) {
				text.append((text.length() > 0) ? " " : "").append(piece);
			}
		}
		return text.toString();
	}

}
