package dev.llmgw.fake.openai;

import dev.llmgw.fake.reply.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * Everything a chat completion answer says, streamed or not.
 *
 * @param sequence the server-wide number of this completion, for its ids
 * @param created creation time, epoch seconds
 * @param model the model's base name, as echoed back
 * @param content the reply text
 * @param toolCall the function to call instead of replying, or null
 * @param choices how many identical choices to return
 * @param usage token counts
 */
record ChatReply(long sequence, long created, String model, String content, @Nullable String toolCall, int choices,
		TokenUsage usage) {

	static final String FINGERPRINT = "fp_fake";

	String id() {
		return "chatcmpl-fake-" + this.sequence;
	}

	String toolCallId() {
		return "call_fake_" + this.sequence;
	}

	String finishReason() {
		return (this.toolCall != null) ? "tool_calls" : "stop";
	}

}
