package dev.llmgw.fake.openai;

import dev.llmgw.fake.reply.Words;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a chat completion request that shape the fake's answer.
 *
 * @param model the model string as sent (body or Azure deployment), directive segments
 * included
 * @param promptWords words across the text of all messages
 * @param lastUserText text of the last user message, or null when there is none
 * @param choices the requested {@code n}
 * @param stream whether to stream
 * @param includeUsage whether {@code stream_options.include_usage} asked for a usage
 * chunk
 * @param hasTools whether the request offers tools
 * @see <a href="https://platform.openai.com/docs/api-reference/chat/create">Create chat
 * completion</a>
 */
record ChatRequest(String model, int promptWords, @Nullable String lastUserText, int choices, boolean stream,
		boolean includeUsage, boolean hasTools) {

	// the API's own limit on n
	private static final int MAX_CHOICES = 128;

	static ChatRequest from(JsonNode body, String model) {
		int promptWords = 0;
		String lastUserText = null;
		for (JsonNode message : body.path("messages")) {
			String text = text(message.path("content"));
			promptWords += Words.count(text);
			if ("user".equals(message.path("role").asString(""))) {
				lastUserText = text;
			}
		}
		int choices = Math.max(1, Math.min(MAX_CHOICES, body.path("n").asInt(1)));
		JsonNode tools = body.path("tools");
		return new ChatRequest(model, promptWords, lastUserText, choices, body.path("stream").asBoolean(false),
				body.path("stream_options").path("include_usage").asBoolean(false),
				tools.isArray() && !tools.isEmpty());
	}

	/**
	 * Message content is either a string or an array of parts, of which only the text
	 * parts count.
	 */
	private static String text(JsonNode content) {
		if (content.isString()) {
			return content.stringValue();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			if ("text".equals(part.path("type").asString("")) && part.path("text").isString()) {
				if (text.length() > 0) {
					text.append(' ');
				}
				text.append(part.path("text").stringValue());
			}
		}
		return text.toString();
	}

}
