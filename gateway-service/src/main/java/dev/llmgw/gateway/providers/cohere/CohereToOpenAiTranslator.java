package dev.llmgw.gateway.providers.cohere;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.model.openai.ChatChoice;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.ToolCall;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Cohere v2 chat response to an OpenAI chat completion
 * (https://docs.cohere.com/reference/chat#response): text content parts joined, tool
 * calls as they are (v2 already uses OpenAI's shape), and when the model only planned and
 * called tools, its {@code tool_plan} as the content, the text OpenAI models put there.
 */
final class CohereToOpenAiTranslator {

	private final JsonMapper mapper;

	CohereToOpenAiTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ChatCompletion translate(CohereChatResponse response, String id, String model) {
		CohereChatResponse.Message message = (response.message() != null) ? response.message()
				: new CohereChatResponse.Message(null, null, null);
		StringBuilder text = new StringBuilder();
		for (CohereChatResponse.ContentPart part : message.contentParts()) {
			if ("text".equals(part.type()) && part.text() != null) {
				text.append(part.text());
			}
		}
		List<ToolCall> toolCalls = new ArrayList<>();
		for (CohereChatResponse.ToolCall call : message.calls()) {
			CohereChatResponse.Function function = call.function();
			toolCalls.add(ToolCall.of((call.id() != null) ? call.id() : "",
					(function != null && function.name() != null) ? function.name() : "", arguments(function)));
		}
		Map<String, @Nullable Object> extra = new LinkedHashMap<>();
		String content = text.toString();
		if (!toolCalls.isEmpty()) {
			extra.put("tool_calls", toolCalls);
			content = !content.isEmpty() ? content : message.toolPlan();
		}
		ChatChoice choice = new ChatChoice(0, new ChatMessage("assistant", content, null, extra),
				finishReason(response.finishReason()));
		return ChatCompletion.of(id, System.currentTimeMillis() / 1000, model, choice, usage(response.usage()));
	}

	/** A call's arguments as OpenAI's JSON text. */
	String arguments(CohereChatResponse.@Nullable Function function) {
		Object arguments = (function != null) ? function.arguments() : null;
		if (arguments instanceof String text) {
			return text;
		}
		return (arguments instanceof Map<?, ?>) ? this.mapper.writeValueAsString(arguments) : "{}";
	}

	/** https://docs.cohere.com/reference/chat#response.body.finish_reason */
	static String finishReason(@Nullable String reason) {
		if (reason == null) {
			return "stop";
		}
		return switch (reason) {
			case "MAX_TOKENS" -> "length";
			case "TOOL_CALL" -> "tool_calls";
			case "ERROR_TOXIC" -> "content_filter";
			default -> "stop";
		};
	}

	/**
	 * {@code tokens} counts what the model read and wrote, {@code billed_units} what is
	 * billed (less, for the template tokens Cohere adds); the first matches OpenAI's
	 * usage, the second is the fallback when a response lacks it.
	 */
	static Usage usage(CohereChatResponse.@Nullable Usage usage) {
		if (usage == null) {
			return Usage.NONE;
		}
		CohereChatResponse.Counts counts = (usage.tokens() != null && usage.tokens().inputTokens() != null)
				? usage.tokens() : usage.billedUnits();
		if (counts == null) {
			return Usage.NONE;
		}
		long prompt = count(counts.inputTokens());
		long completion = count(counts.outputTokens());
		long cached = count(usage.cachedTokens());
		Map<String, @Nullable Object> details = new LinkedHashMap<>();
		if (cached > 0) {
			details.put("prompt_tokens_details", Map.of("cached_tokens", cached));
		}
		return new Usage(prompt, completion, prompt + completion, details);
	}

	private static long count(@Nullable Long value) {
		return (value != null) ? value : 0;
	}

}
