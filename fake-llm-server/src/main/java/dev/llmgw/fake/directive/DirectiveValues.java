package dev.llmgw.fake.directive;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Turns directive values, keyed by canonical (underscore) name, into typed directives.
 */
final class DirectiveValues {

	private DirectiveValues() {
	}

	static Directives toDirectives(Map<String, String> values) {
		String error = values.get("error");
		return new Directives(number(values, "latency_ms", 0, 0), number(values, "chunk_delay_ms", 0, 0),
				(int) number(values, "chunks", 1, 0), values.get("reply"), values.containsKey("echo"),
				nonBlank(values.get("tool_call")), (error != null) ? FakeError.parse(error) : null,
				(int) number(values, "retry_after", 0, 0), (int) number(values, "error_after_chunks", 0, -1),
				(int) number(values, "fail_times", 1, 0), nonBlank(values.get("fail_key")),
				values.containsKey("no_usage"));
	}

	private static long number(Map<String, String> values, String name, long min, long fallback) {
		String value = values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			long number = Long.parseLong(value.trim());
			return (number >= min && number <= Integer.MAX_VALUE) ? number : fallback;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	private static @Nullable String nonBlank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
