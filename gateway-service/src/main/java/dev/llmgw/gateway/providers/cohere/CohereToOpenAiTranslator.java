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
import tools.jackson.databind.JsonNode;

/**
 * A Cohere v2 chat response to an OpenAI chat completion
 * (https://docs.cohere.com/reference/chat#response): text content parts joined, tool
 * calls as they are (v2 already uses OpenAI's shape), and when the model only planned and
 * called tools, its {@code tool_plan} as the content, the text OpenAI models put there.
 */
final class CohereToOpenAiTranslator {

	ChatCompletion translate(JsonNode response, String id, String model) {
		JsonNode message = response.path("message");
		StringBuilder text = new StringBuilder();
		for (JsonNode part : message.path("content")) {
			if ("text".equals(part.path("type").asString(null))) {
				text.append(part.path("text").asString());
			}
		}
		List<ToolCall> toolCalls = new ArrayList<>();
		for (JsonNode call : message.path("tool_calls")) {
			JsonNode function = call.path("function");
			toolCalls.add(ToolCall.of(call.path("id").asString(), function.path("name").asString(),
					arguments(function.path("arguments"))));
		}
		Map<String, @Nullable Object> extra = new LinkedHashMap<>();
		String content = text.toString();
		if (!toolCalls.isEmpty()) {
			extra.put("tool_calls", toolCalls);
			String plan = message.path("tool_plan").asString(null);
			content = !content.isEmpty() ? content : plan;
		}
		ChatChoice choice = new ChatChoice(0, new ChatMessage("assistant", content, null, extra),
				finishReason(response.path("finish_reason").asString(null)));
		return ChatCompletion.of(id, System.currentTimeMillis() / 1000, model, choice, usage(response.path("usage")));
	}

	static String arguments(JsonNode arguments) {
		if (arguments.isString()) {
			return arguments.asString();
		}
		return arguments.isObject() ? arguments.toString() : "{}";
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
	static Usage usage(JsonNode usage) {
		JsonNode tokens = usage.path("tokens");
		JsonNode counts = tokens.has("input_tokens") ? tokens : usage.path("billed_units");
		if (!counts.isObject()) {
			return Usage.NONE;
		}
		long prompt = counts.path("input_tokens").asLong(0);
		long completion = counts.path("output_tokens").asLong(0);
		long cached = usage.path("cached_tokens").asLong(0);
		Map<String, @Nullable Object> details = new LinkedHashMap<>();
		if (cached > 0) {
			details.put("prompt_tokens_details", Map.of("cached_tokens", cached));
		}
		return new Usage(prompt, completion, prompt + completion, details);
	}

}
