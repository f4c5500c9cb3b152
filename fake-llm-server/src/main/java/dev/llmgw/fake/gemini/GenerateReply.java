package dev.llmgw.fake.gemini;

import dev.llmgw.fake.reply.Completion;
import dev.llmgw.fake.reply.StopReason;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@code generateContent} answer says, streamed or not.
 *
 * @param sequence the server-wide number of this answer, for its response id
 * @param model the model's base name, reported as {@code modelVersion}
 * @param completion the text and why it ended
 * @param functionCall the function to call instead of answering, or null
 * @param blocked whether the prompt is refused for safety, with no candidate at all
 * @param promptTokens prompt tokens
 */
record GenerateReply(long sequence, String model, Completion completion, @Nullable String functionCall, boolean blocked,
		int promptTokens) {

	String responseId() {
		return "fake-" + this.sequence;
	}

	// Gemini reports a function call and a stop sequence as STOP too
	String finishReason() {
		return (this.functionCall == null && this.completion.stop() == StopReason.MAX_TOKENS) ? "MAX_TOKENS" : "STOP";
	}

	int candidatesTokens() {
		return this.completion.tokens();
	}

}
