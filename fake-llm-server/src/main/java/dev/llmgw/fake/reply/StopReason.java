package dev.llmgw.fake.reply;

/**
 * Why a text reply ended; each provider names these in its own words.
 */
public enum StopReason {

	/**
	 * The model finished its answer.
	 */
	END,

	/**
	 * The reply reached the request's output token limit.
	 */
	MAX_TOKENS,

	/**
	 * The reply reached one of the request's stop sequences.
	 */
	STOP_SEQUENCE

}
