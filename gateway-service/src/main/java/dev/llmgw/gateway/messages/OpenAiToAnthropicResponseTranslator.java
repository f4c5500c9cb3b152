package dev.llmgw.gateway.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.model.anthropic.ContentBlock;
import dev.llmgw.model.anthropic.MessagesResponse;
import dev.llmgw.model.anthropic.MessagesUsage;
import dev.llmgw.model.openai.ChatChoice;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ToolCall;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI chat completion to a Messages response: reasoning as a thinking block, text
 * as a text block, tool calls as tool_use blocks with parsed input, the finish reason as
 * a stop reason, and usage with cached tokens counted apart as Anthropic counts them.
 */
final class OpenAiToAnthropicResponseTranslator {

	private final JsonMapper mapper;

	OpenAiToAnthropicResponseTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	MessagesResponse translate(ChatCompletion completion, String requestedModel) {
		List<ContentBlock> content = new ArrayList<>();
		String stopReason = "end_turn";
		if (!completion.choices().isEmpty()) {
			ChatChoice choice = completion.choices().get(0);
			if (choice.message().extra().get("reasoning_content") instanceof String thinking && !thinking.isEmpty()) {
				content.add(ContentBlock.thinking(thinking, ""));
			}
			String text = choice.message().text();
			if (!text.isEmpty()) {
				content.add(ContentBlock.text(text, null));
			}
			for (Object call : toolCalls(choice.message().extra().get("tool_calls"))) {
				content.add(toolUse(call));
			}
			stopReason = stopReason(choice.finishReason());
		}
		String id = completion.id().startsWith("msg_") ? completion.id() : "msg_" + completion.id();
		return new MessagesResponse(id, "message", "assistant", requestedModel, content, stopReason, null,
				usage(completion.usage()));
	}

	static String stopReason(@Nullable String finishReason) {
		if (finishReason == null) {
			return "end_turn";
		}
		return switch (finishReason) {
			case "length" -> "max_tokens";
			case "tool_calls", "function_call" -> "tool_use";
			case "content_filter" -> "refusal";
			default -> "end_turn";
		};
	}

	static MessagesUsage usage(@Nullable Usage usage) {
		if (usage == null) {
			return MessagesUsage.of(0, 0, 0, 0);
		}
		long cacheRead = number(usage.extra().get("cache_read_input_tokens"));
		if (cacheRead == 0 && usage.extra().get("prompt_tokens_details") instanceof Map<?, ?> details) {
			cacheRead = number(details.get("cached_tokens"));
		}
		long cacheWrite = number(usage.extra().get("cache_creation_input_tokens"));
		return MessagesUsage.of(Math.max(0, usage.promptTokens() - cacheRead - cacheWrite), usage.completionTokens(),
				cacheWrite, cacheRead);
	}

	private ContentBlock toolUse(Object call) {
		String id;
		String name;
		String arguments;
		if (call instanceof ToolCall typed) {
			id = typed.id();
			name = typed.function().name();
			arguments = typed.function().arguments();
		}
		else {
			Map<?, ?> map = (Map<?, ?>) call;
			Map<?, ?> function = (map.get("function") instanceof Map<?, ?> f) ? f : Map.of();
			id = String.valueOf(map.get("id"));
			name = String.valueOf(function.get("name"));
			arguments = (function.get("arguments") != null) ? function.get("arguments").toString() : null;
		}
		return ContentBlock.toolUse((id != null) ? id : "toolu_unknown", (name != null) ? name : "", input(arguments));
	}

	private Object input(@Nullable String arguments) {
		if (arguments == null || arguments.isBlank()) {
			return Map.of();
		}
		try {
			return this.mapper.readValue(arguments, Object.class);
		}
		catch (JacksonException ex) {
			// a model that wrote broken JSON: hand it over rather than lose it
			return Map.of("raw_arguments", arguments);
		}
	}

	private static List<?> toolCalls(@Nullable Object calls) {
		return (calls instanceof List<?> list) ? list : List.of();
	}

	private static long number(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : 0;
	}

}
