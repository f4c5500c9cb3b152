package dev.llmgw.fake.reply;

/**
 * Deterministic token counts: words in the prompt and in the reply, each at least one, so
 * that spend and limit tests can predict them.
 *
 * @param promptTokens words across the text of all input messages
 * @param completionTokens words across the generated replies
 */
public record TokenUsage(int promptTokens, int completionTokens) {

	public static TokenUsage of(int promptWords, int completionWords) {
		return new TokenUsage(Math.max(1, promptWords), Math.max(1, completionWords));
	}

	public int totalTokens() {
		return this.promptTokens + this.completionTokens;
	}

}
