package dev.llmgw.gateway.routing;

import org.jspecify.annotations.Nullable;

/**
 * LiteLLM's wildcard model names: one {@code *} that matches any text, whose match
 * replaces the {@code *} of the entry's {@code litellm_params.model} (so {@code openai/*}
 * passes any OpenAI model through).
 */
final class WildcardPattern {

	private WildcardPattern() {
	}

	/**
	 * @param pattern a model_name containing one {@code *}
	 * @param model the requested model
	 * @return the text matched by the {@code *}, or null when the model does not match
	 */
	static @Nullable String capture(String pattern, String model) {
		int star = pattern.indexOf('*');
		String prefix = pattern.substring(0, star);
		String suffix = pattern.substring(star + 1);
		if (model.length() < prefix.length() + suffix.length() || !model.startsWith(prefix)
				|| !model.endsWith(suffix)) {
			return null;
		}
		String captured = model.substring(prefix.length(), model.length() - suffix.length());
		return captured.isEmpty() ? null : captured;
	}

}
