package dev.llmgw.gateway.guardrails;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * LiteLLM's prebuilt content-filter patterns that the gateway carries, by LiteLLM's
 * names: personal data, payment cards, bank accounts, credentials and network addresses.
 * LiteLLM's word lists by category (weapons, harassment, ...) are not here:
 * {@code blocked_words} covers them.
 */
final class PrebuiltPatterns {

	private static final Map<String, Pattern> PATTERNS = Map.ofEntries(entry("us_ssn", "\\b\\d{3}-\\d{2}-\\d{4}\\b"),
			entry("us_ssn_no_dash", "\\b\\d{9}\\b"),
			entry("email", "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b"),
			entry("us_phone", "(?<!\\d)(?:\\+?1[-.\\s]?)?\\(?\\d{3}\\)?[-.\\s]?\\d{3}[-.\\s]?\\d{4}(?!\\d)"),
			entry("visa", "\\b4\\d{3}[-\\s]?\\d{4}[-\\s]?\\d{4}[-\\s]?\\d{4}\\b"),
			entry("mastercard", "\\b5[1-5]\\d{2}[-\\s]?\\d{4}[-\\s]?\\d{4}[-\\s]?\\d{4}\\b"),
			entry("amex", "\\b3[47]\\d{2}[-\\s]?\\d{6}[-\\s]?\\d{5}\\b"),
			entry("discover", "\\b6(?:011|5\\d{2})[-\\s]?\\d{4}[-\\s]?\\d{4}[-\\s]?\\d{4}\\b"),
			entry("credit_card", "\\b(?:\\d[-\\s]?){12,18}\\d\\b"),
			entry("iban", "\\b[A-Z]{2}\\d{2}(?:\\s?[A-Z0-9]{4}){2,7}(?:\\s?[A-Z0-9]{1,4})?\\b"),
			entry("aws_access_key", "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
			entry("aws_secret_key", "(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])"),
			entry("github_token", "\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"),
			entry("slack_token", "\\bxox[abprs]-[A-Za-z0-9-]{10,}\\b"),
			entry("generic_api_key",
					"\\b(?:api[_-]?key|apikey|secret|token)\\s*[:=]\\s*['\"]?[A-Za-z0-9_\\-]{16,}['\"]?"),
			entry("ipv4", "\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b"),
			entry("ipv6", "\\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\\b"), entry("url", "\\bhttps?://[^\\s<>\"']+"));

	private PrebuiltPatterns() {
	}

	static @Nullable Pattern get(String name) {
		return PATTERNS.get(name);
	}

	static Set<String> names() {
		return new TreeSet<>(PATTERNS.keySet());
	}

	private static Map.Entry<String, Pattern> entry(String name, String regex) {
		return Map.entry(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
	}

}
