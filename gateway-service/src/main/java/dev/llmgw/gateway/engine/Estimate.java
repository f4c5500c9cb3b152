package dev.llmgw.gateway.engine;

/**
 * What a call may cost at most, for its budget reservation.
 *
 * @param promptTokens the most tokens its input can come to ({@link PromptBound})
 * @param completionTokens the most it may generate; 0 when the request sets no cap, and
 * the model's largest output is reserved
 * @param fixedDollars a price per call known up front (images), added to the tokens'
 */
public record Estimate(long promptTokens, long completionTokens, double fixedDollars) {

	public static Estimate tokens(long promptTokens, long completionTokens) {
		return new Estimate(promptTokens, completionTokens, 0);
	}

}
