package dev.llmgw.fake.reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tools.jackson.core.JsonGenerator;

/**
 * Deterministic relevance for the rerank routes: the share of a document's words that are
 * the query's, so that a test can tell which document must come first. Scores lie in (0,
 * 1); ties keep the documents' order.
 */
public final class RerankScores {

	private RerankScores() {
	}

	/**
	 * One ranked document.
	 *
	 * @param index its position in the request
	 * @param score its relevance
	 */
	public record Ranked(int index, double score) {

	}

	/**
	 * @param query the query
	 * @param documents the documents' texts
	 * @param topN how many to keep, all when not positive
	 * @return the documents, most relevant first
	 */
	public static List<Ranked> rank(String query, List<String> documents, int topN) {
		Set<String> asked = words(query);
		List<Ranked> ranked = new ArrayList<>(documents.size());
		for (int i = 0; i < documents.size(); i++) {
			Set<String> words = words(documents.get(i));
			long shared = words.stream().filter(asked::contains).count();
			ranked.add(new Ranked(i, (shared + 0.5) / (asked.size() + words.size() - shared + 1.0)));
		}
		ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
		return (topN > 0 && topN < ranked.size()) ? List.copyOf(ranked.subList(0, topN)) : List.copyOf(ranked);
	}

	/**
	 * Writes the ranking as both Cohere and Bedrock answer it: {@code "results":
	 * [{"index", "relevance_score"}]}.
	 */
	public static void writeResults(JsonGenerator json, String query, List<String> documents, int topN) {
		json.writeArrayPropertyStart("results");
		for (Ranked ranked : rank(query, documents, topN)) {
			json.writeStartObject();
			json.writeNumberProperty("index", ranked.index());
			json.writeNumberProperty("relevance_score", ranked.score());
			json.writeEndObject();
		}
		json.writeEndArray();
	}

	private static Set<String> words(String text) {
		Set<String> words = new HashSet<>();
		for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			if (!word.isEmpty()) {
				words.add(word);
			}
		}
		return words;
	}

}
