package dev.llmgw.fake.cohere;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.fake.reply.Words;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a v2 chat request that shape the fake's answer.
 *
 * @param model the model string as sent, directive segments included
 * @param promptWords words across the text of all messages, tool results included
 * @param lastUserText text of the last user message, or null when there is none
 * @param stream whether to stream
 * @param hasTools whether the request offers tools
 * @param maxTokens the output token limit, 0 when not given
 * @param stopSequences the stop sequences
 * @see <a href="https://docs.cohere.com/reference/chat">Chat</a>
 */
record CohereChatRequest(String model, int promptWords, @Nullable String lastUserText, boolean stream, boolean hasTools,
		int maxTokens, List<String> stopSequences) {

	static CohereChatRequest from(JsonNode body) {
		int promptWords = 0;
		String lastUserText = null;
		for (JsonNode message : body.path("messages")) {
			String text = text(message.path("content"));
			promptWords += Words.count(text);
			if ("user".equals(message.path("role").asString(""))) {
				lastUserText = text;
			}
		}
		List<String> stopSequences = new ArrayList<>();
		for (JsonNode sequence : body.path("stop_sequences")) {
			stopSequences.add(sequence.asString(""));
		}
		JsonNode tools = body.path("tools");
		return new CohereChatRequest(body.path("model").asString(), promptWords, lastUserText,
				body.path("stream").asBoolean(false), tools.isArray() && !tools.isEmpty(),
				body.path("max_tokens").asInt(0), stopSequences);
	}

	/**
	 * Content is a string or an array of parts; text parts count, and so do the documents
	 * a tool message returns, as their JSON text.
	 */
	private static String text(JsonNode content) {
		if (content.isString()) {
			return content.stringValue();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			String type = part.path("type").asString("");
			String piece = "text".equals(type) ? part.path("text").asString("")
					: "document".equals(type) ? part.path("document").path("data").toString() : "";
			if (!piece.isEmpty()) {
				text.append((text.length() > 0) ? " " : "").append(piece);
			}
		}
		return text.toString();
	}

}
