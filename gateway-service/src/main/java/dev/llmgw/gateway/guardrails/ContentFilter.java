package dev.llmgw.gateway.guardrails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.llmgw.gateway.config.ConfigException;
import reactor.core.publisher.Mono;

/**
 * {@code guardrail: litellm_content_filter}, LiteLLM's own filter that needs no service:
 * {@code patterns} (LiteLLM's prebuilt ones by {@code pattern_name}, or a {@code regex},
 * matched case-insensitively) and {@code blocked_words} (matched case-insensitively
 * anywhere in a text), each with {@code action: BLOCK} (refuse the call) or {@code MASK}
 * (replace the match: {@code [<NAME>_REDACTED]} for a pattern, {@code [KEYWORD_REDACTED]}
 * for a word, LiteLLM's default formats). Runs on the event loop: a handful of compiled
 * expressions over the prompt.
 */
final class ContentFilter implements Guardrail {

	private final GuardrailSpec spec;

	private final List<Rule> rules;

	ContentFilter(GuardrailSpec spec) {
		this.spec = spec;
		this.rules = rules(spec);
		if (this.rules.isEmpty()) {
			throw new ConfigException("guardrails." + spec.name()
					+ ": a litellm_content_filter needs litellm_params.patterns or blocked_words");
		}
	}

	@Override
	public GuardrailSpec spec() {
		return this.spec;
	}

	@Override
	public Mono<Verdict> check(Source source, List<String> texts) {
		List<String> masked = new ArrayList<>(texts);
		List<String> found = new ArrayList<>();
		for (Rule rule : this.rules) {
			for (int i = 0; i < masked.size(); i++) {
				Matcher matcher = rule.pattern().matcher(masked.get(i));
				if (!matcher.find()) {
					continue;
				}
				if (rule.block()) {
					Map<String, Object> details = new LinkedHashMap<>();
					details.put("error", rule.message());
					details.put(rule.keyword() ? "keyword" : "pattern", rule.name());
					return Mono.just(Verdict.block(rule.message(), details));
				}
				masked.set(i, matcher.replaceAll(Matcher.quoteReplacement(rule.replacement())));
				found.add(rule.name());
			}
		}
		if (found.isEmpty()) {
			return Mono.just(Verdict.PASS);
		}
		return Mono.just(Verdict.mask(masked, Map.of("masked", found)));
	}

	private static List<Rule> rules(GuardrailSpec spec) {
		String path = "guardrails." + spec.name() + ".litellm_params";
		List<Rule> rules = new ArrayList<>();
		Object patterns = spec.params().get("patterns");
		if (patterns instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				Map<String, Object> item = GuardrailSpecs.map(list.get(i));
				String where = path + ".patterns[" + i + "]";
				String type = String.valueOf(item.getOrDefault("pattern_type", "prebuilt"));
				boolean block = action(item.get("action"), where);
				String name;
				Pattern pattern;
				if ("prebuilt".equals(type)) {
					name = String.valueOf(item.get("pattern_name"));
					pattern = PrebuiltPatterns.get(name);
					if (pattern == null) {
						throw new ConfigException(where + ".pattern_name: no prebuilt pattern " + name
								+ " (the gateway has " + PrebuiltPatterns.names() + ")");
					}
				}
				else if ("regex".equals(type)) {
					name = (item.get("name") != null) ? String.valueOf(item.get("name")) : "custom_regex";
					try {
						pattern = Pattern.compile(String.valueOf(item.get("pattern")), Pattern.CASE_INSENSITIVE);
					}
					catch (PatternSyntaxException ex) {
						throw new ConfigException(where + ".pattern: not a regular expression: " + ex.getDescription());
					}
				}
				else {
					throw new ConfigException(where + ".pattern_type: expected prebuilt or regex, got " + type);
				}
				rules.add(new Rule(name, pattern, block, false, "[" + name.toUpperCase(Locale.ROOT) + "_REDACTED]",
						"Content blocked: " + name + " pattern detected"));
			}
		}
		Object words = spec.params().get("blocked_words");
		if (words instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				Map<String, Object> item = GuardrailSpecs.map(list.get(i));
				String where = path + ".blocked_words[" + i + "]";
				Object keyword = item.get("keyword");
				if (keyword == null || String.valueOf(keyword).isBlank()) {
					throw new ConfigException(where + ".keyword: required");
				}
				String word = String.valueOf(keyword);
				String description = (item.get("description") != null) ? " (" + item.get("description") + ")" : "";
				rules.add(new Rule(word, Pattern.compile(Pattern.quote(word), Pattern.CASE_INSENSITIVE),
						action(item.get("action"), where), true, "[KEYWORD_REDACTED]",
						"Content blocked: keyword '" + word + "' detected" + description));
			}
		}
		return List.copyOf(rules);
	}

	private static boolean action(Object value, String where) {
		String action = String.valueOf(value).toUpperCase(Locale.ROOT);
		if (action.equals("BLOCK") || value == null) {
			return true;
		}
		if (action.equals("MASK")) {
			return false;
		}
		throw new ConfigException(where + ".action: expected BLOCK or MASK, got " + value);
	}

	/** One pattern or word, and what its match does. */
	private record Rule(String name, Pattern pattern, boolean block, boolean keyword, String replacement,
			String message) {

	}

}
