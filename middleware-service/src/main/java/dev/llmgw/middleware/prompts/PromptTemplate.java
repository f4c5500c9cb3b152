package dev.llmgw.middleware.prompts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.llmgw.middleware.error.BedrockError;

/**
 * A prompt's {@code {{ name }}} placeholders, filled literally. Every placeholder needs a
 * variable and no unknown variable may be given, else the caller gets a 400 naming the
 * mismatch.
 */
final class PromptTemplate {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}");

	private PromptTemplate() {
	}

	/** The placeholders of the given texts, in order of appearance. */
	static Set<String> placeholders(List<String> texts) {
		Set<String> names = new LinkedHashSet<>();
		for (String text : texts) {
			Matcher matcher = PLACEHOLDER.matcher(text);
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

	/**
	 * @throws BedrockError when a placeholder has no variable or a variable no
	 * placeholder
	 */
	static void check(Set<String> placeholders, Map<String, String> variables) {
		Set<String> missing = new TreeSet<>(placeholders);
		missing.removeAll(variables.keySet());
		Set<String> unknown = new TreeSet<>(variables.keySet());
		unknown.removeAll(placeholders);
		if (!missing.isEmpty() || !unknown.isEmpty()) {
			List<String> problems = new ArrayList<>(2);
			if (!missing.isEmpty()) {
				problems.add("missing promptVariables " + missing);
			}
			if (!unknown.isEmpty()) {
				problems.add("unknown promptVariables " + unknown);
			}
			throw new BedrockError(400, "ValidationException",
					"The prompt's variables do not match: " + String.join("; ", problems));
		}
	}

	static String fill(String text, Map<String, String> variables) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder filled = new StringBuilder(text.length());
		while (matcher.find()) {
			matcher.appendReplacement(filled, Matcher.quoteReplacement(variables.get(matcher.group(1))));
		}
		matcher.appendTail(filled);
		return filled.toString();
	}

}
