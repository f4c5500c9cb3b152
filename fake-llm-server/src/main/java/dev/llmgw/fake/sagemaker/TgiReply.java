package dev.llmgw.fake.sagemaker;

import dev.llmgw.fake.reply.Completion;

/**
 * Everything a TGI answer says, streamed or not.
 *
 * @param request what was asked
 * @param completion the generated text and why it ended
 * @param promptTokens the prompt's tokens, TGI's {@code input_length}
 */
record TgiReply(TgiRequest request, Completion completion, int promptTokens) {

	// token ids are made up, but stable, so that a client that keys on them sees the same
	// ids every run
	static final int FIRST_TOKEN_ID = 1000;

	static final double LOGPROB = -0.125;

	/**
	 * {@code generated_text}: the prompt leads it under {@code return_full_text}.
	 */
	String generatedText() {
		return this.request.returnFullText() ? this.request.inputs() + this.completion.text() : this.completion.text();
	}

	String finishReason() {
		return switch (this.completion.stop()) {
			case END -> "eos_token";
			case MAX_TOKENS -> "length";
			case STOP_SEQUENCE -> "stop_sequence";
		};
	}

}
