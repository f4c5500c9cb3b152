package dev.llmgw.fake.cohere;

import dev.llmgw.fake.http.JsonContent;
import dev.llmgw.fake.reply.Completion;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Everything a v2 chat answer says, streamed or not, and the parts the plain answer and
 * the stream share.
 *
 * @param sequence the server-wide number of this answer, for its ids
 * @param completion the text (or, with a tool call, the tool plan) and why it ended
 * @param toolCall the tool to call, or null
 * @param inputTokens prompt tokens
 */
record CohereChatReply(long sequence, Completion completion, @Nullable String toolCall, int inputTokens) {

	static final String TOOL_ARGUMENTS = "{}";

	String id() {
		return "fake-chat-" + this.sequence;
	}

	String toolCallId() {
		return this.toolCall + "_fake_" + this.sequence;
	}

	String finishReason() {
		if (this.toolCall != null) {
			return "TOOL_CALL";
		}
		return switch (this.completion.stop()) {
			case END -> "COMPLETE";
			case MAX_TOKENS -> "MAX_TOKENS";
			case STOP_SEQUENCE -> "STOP_SEQUENCE";
		};
	}

	/**
	 * Cohere reports the same counts twice: as billed, and as the model saw them.
	 */
	JsonContent usage() {
		return (json) -> {
			json.writeStartObject();
			writeCounts(json, "billed_units");
			writeCounts(json, "tokens");
			json.writeEndObject();
		};
	}

	private void writeCounts(JsonGenerator json, String name) {
		json.writeObjectPropertyStart(name);
		json.writeNumberProperty("input_tokens", this.inputTokens);
		json.writeNumberProperty("output_tokens", this.completion.tokens());
		json.writeEndObject();
	}

}
