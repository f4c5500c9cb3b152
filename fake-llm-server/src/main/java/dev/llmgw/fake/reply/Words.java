package dev.llmgw.fake.reply;

import java.util.ArrayList;
import java.util.List;

/**
 * Whitespace-separated words: the fake's deterministic stand-in for tokens, and the unit
 * in which replies are cut into stream chunks.
 */
public final class Words {

	private Words() {
	}

	public static int count(String text) {
		int count = 0;
		boolean inWord = false;
		for (int i = 0; i < text.length(); i++) {
			boolean space = Character.isWhitespace(text.charAt(i));
			if (!space && !inWord) {
				count++;
			}
			inWord = !space;
		}
		return count;
	}

	/**
	 * Cuts text into at most {@code pieces} parts of near-equal word counts, never more
	 * parts than words and at least one. Each word keeps the whitespace after it, so the
	 * parts concatenate to the text exactly.
	 * @param pieces the wanted number of parts, or 0 or less for one part per word
	 */
	public static List<String> split(String text, int pieces) {
		int[] starts = wordStarts(text);
		int words = starts.length;
		if (words <= 1) {
			return List.of(text);
		}
		int parts = (pieces <= 0) ? words : Math.min(pieces, words);
		List<String> result = new ArrayList<>(parts);
		int from = 0;
		for (int part = 1; part <= parts; part++) {
			int endWord = (int) ((long) part * words / parts);
			int to = (endWord < words) ? starts[endWord] : text.length();
			result.add(text.substring(from, to));
			from = to;
		}
		return result;
	}

	/**
	 * The text up to the end of its first {@code words} words, as a reply cut at an
	 * output token limit; the whole text when it has no more words than that.
	 */
	public static String first(String text, int words) {
		int[] starts = wordStarts(text);
		if (words >= starts.length) {
			return text;
		}
		return (words <= 0) ? "" : text.substring(0, starts[words]).stripTrailing();
	}

	private static int[] wordStarts(String text) {
		int[] starts = new int[count(text)];
		int word = 0;
		boolean inWord = false;
		for (int i = 0; i < text.length(); i++) {
			boolean space = Character.isWhitespace(text.charAt(i));
			if (!space && !inWord) {
				starts[word++] = i;
			}
			inWord = !space;
		}
		return starts;
	}

}
