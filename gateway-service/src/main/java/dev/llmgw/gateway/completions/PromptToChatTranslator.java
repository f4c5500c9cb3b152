package dev.llmgw.gateway.completions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.StreamOptions;
import org.jspecify.annotations.Nullable;

/**
 * A legacy completions request
 * (https://platform.openai.com/docs/api-reference/completions) to a chat request: one
 * prompt, as a user message; sampling parameters carried over; the parameters only a text
 * endpoint has (echo, suffix, best_of, logprobs as a number) refused by name, since a
 * chat model cannot honour them.
 */
final class PromptToChatTranslator {

	private static final Set<String> TEXT_ONLY = Set.of("echo", "suffix", "best_of", "logprobs");

	private static final Set<String> CARRIED = Set.of("model", "prompt", "stream", "stream_options", "max_tokens",
			"temperature", "user");

	ChatCompletionRequest translate(Map<String, @Nullable Object> body) {
		Object model = body.get("model");
		if (!(model instanceof String name) || name.isBlank()) {
			throw new BadRequestError("Missing required parameter: 'model'", null, "model");
		}
		for (String parameter : TEXT_ONLY) {
			Object value = body.get(parameter);
			if (value != null && !Boolean.FALSE.equals(value)) {
				throw new BadRequestError("'" + parameter + "' is not supported: this gateway answers /v1/completions "
						+ "with chat models", null, parameter);
			}
		}
		String prompt = prompt(body.get("prompt"));
		Map<String, @Nullable Object> extra = new LinkedHashMap<>();
		body.forEach((key, value) -> {
			if (!CARRIED.contains(key) && !TEXT_ONLY.contains(key)) {
				extra.put(key, value);
			}
		});
		boolean stream = Boolean.TRUE.equals(body.get("stream"));
		return new ChatCompletionRequest(name, List.of(ChatMessage.of("user", prompt)), stream ? Boolean.TRUE : null,
				stream ? StreamOptions.withUsage() : null, integer(body.get("max_tokens")), null,
				(body.get("temperature") instanceof Number t) ? t.doubleValue() : null,
				(body.get("user") instanceof String user) ? user : null, null, null, null, extra);
	}

	private static String prompt(@Nullable Object prompt) {
		if (prompt instanceof String text) {
			return text;
		}
		if (prompt instanceof List<?> list && list.size() == 1 && list.get(0) instanceof String text) {
			return text;
		}
		throw new BadRequestError("'prompt' must be a string (or a list of one string); send one prompt per request",
				null, "prompt");
	}

	private static @Nullable Integer integer(@Nullable Object value) {
		return (value instanceof Number number) ? number.intValue() : null;
	}

}
