package dev.llmgw.gateway.completions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.ChatTool;
import dev.llmgw.model.openai.ResponseFormat;
import dev.llmgw.model.openai.StreamOptions;
import dev.llmgw.model.openai.ToolChoice;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

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
			"temperature", "user", "tools", "tool_choice", "response_format");

	/** Reads the typed fields of the chat request from the body's values. */
	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final TypeReference<List<ChatTool>> TOOLS = new TypeReference<>() {
	};

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
				(body.get("user") instanceof String user) ? user : null, typed(body, "tools", TOOLS),
				typed(body, "tool_choice", new TypeReference<ToolChoice>() {
				}), typed(body, "response_format", new TypeReference<ResponseFormat>() {
				}), extra);
	}

	/** A chat field the body carries, read as the chat route reads it. */
	private static <T> @Nullable T typed(Map<String, @Nullable Object> body, String name, TypeReference<T> type) {
		Object value = body.get(name);
		if (value == null) {
			return null;
		}
		try {
			return MAPPER.convertValue(value, type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			String reason = (ex.getCause() != null && ex.getCause().getMessage() != null) ? ex.getCause().getMessage()
					: "not a valid value";
			throw new BadRequestError("Invalid request body: " + name + ": " + reason, null, name);
		}
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
