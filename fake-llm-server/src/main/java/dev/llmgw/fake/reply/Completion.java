package dev.llmgw.fake.reply;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reply text after the request's limits, cut the way a model stops: before the first stop
 * sequence it would have produced, or after as many words as the output token limit
 * allows. Every provider shape cuts the same way, so that their stop reasons agree.
 *
 * @param text the text sent back
 * @param stop why it ended
 * @param stopSequence the stop sequence that ended it, or null
 */
public record Completion(String text, StopReason stop, @Nullable String stopSequence) {

	/**
	 * @param maxTokens the output token limit, 0 or less for none
	 * @param stopSequences the request's stop sequences, empty for none
	 */
	public static Completion of(String text, int maxTokens, List<String> stopSequences) {
		int cut = -1;
		String matched = null;
		for (String sequence : stopSequences) {
			int at = sequence.isEmpty() ? -1 : text.indexOf(sequence);
			if (at >= 0 && (cut < 0 || at < cut)) {
				cut = at;
				matched = sequence;
			}
		}
		String kept = (cut >= 0) ? text.substring(0, cut) : text;
		if (maxTokens > 0 && Words.count(kept) > maxTokens) {
			return new Completion(Words.first(kept, maxTokens), StopReason.MAX_TOKENS, null);
		}
		return new Completion(kept, (matched != null) ? StopReason.STOP_SEQUENCE : StopReason.END, matched);
	}

	/**
	 * Output tokens: the words of the text, at least one, as {@link TokenUsage} counts.
	 */
	public int tokens() {
		return Math.max(1, Words.count(this.text));
	}

}
