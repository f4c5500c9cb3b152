package dev.llmgw.fake.anthropic;

import dev.llmgw.fake.reply.Completion;
import org.jspecify.annotations.Nullable;

/**
 * Everything a Messages answer says, streamed or not: an optional text block, then an
 * optional {@code tool_use} block.
 *
 * @param sequence the server-wide number of this message, for its ids
 * @param model the model's base name, as echoed back
 * @param completion the text block's text and why it ended; no text block when a tool is
 * called without a {@code reply} directive
 * @param toolCall the tool to call, or null
 * @param inputTokens prompt tokens
 */
record MessageReply(long sequence, String model, Completion completion, @Nullable String toolCall, int inputTokens) {

	static final String TOOL_INPUT = "{}";

	String id() {
		return "msg_fake_" + this.sequence;
	}

	String toolUseId() {
		return "toolu_fake_" + this.sequence;
	}

	boolean hasText() {
		return this.toolCall == null || !this.completion.text().isEmpty();
	}

	int outputTokens() {
		return this.completion.tokens();
	}

	String stopReason() {
		if (this.toolCall != null) {
			return "tool_use";
		}
		return switch (this.completion.stop()) {
			case END -> "end_turn";
			case MAX_TOKENS -> "max_tokens";
			case STOP_SEQUENCE -> "stop_sequence";
		};
	}

}
