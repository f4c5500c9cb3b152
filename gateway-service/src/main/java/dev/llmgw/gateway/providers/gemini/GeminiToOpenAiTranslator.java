package dev.llmgw.gateway.providers.gemini;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.ContentPolicyViolationError;
import dev.llmgw.model.openai.ChatChoice;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.ToolCall;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A Gemini {@code GenerateContentResponse} to an OpenAI chat completion
 * (https://ai.google.dev/api/generate-content#generatecontentresponse): each candidate a
 * choice, text parts joined (thought summaries left out), function calls as tool calls
 * with ids of our own, since Gemini gives none.
 */
final class GeminiToOpenAiTranslator {

	ChatCompletion translate(JsonNode response, String id, String model) {
		rejectBlockedPrompt(response);
		List<ChatChoice> choices = new ArrayList<>();
		int toolCallNumber = 0;
		for (JsonNode candidate : response.path("candidates")) {
			StringBuilder text = new StringBuilder();
			List<ToolCall> toolCalls = new ArrayList<>();
			for (JsonNode part : candidate.path("content").path("parts")) {
				if (part.has("text") && !part.path("thought").asBoolean(false)) {
					text.append(part.path("text").asString());
				}
				else if (part.has("functionCall")) {
					JsonNode call = part.path("functionCall");
					String callId = ThoughtSignatures.toolCallId(toolCallNumber++,
							part.path("thoughtSignature").asString(null));
					toolCalls.add(ToolCall.of(callId, call.path("name").asString(), arguments(call)));
				}
			}
			Map<String, @Nullable Object> extra = new LinkedHashMap<>();
			if (!toolCalls.isEmpty()) {
				extra.put("tool_calls", toolCalls);
			}
			ChatMessage message = new ChatMessage("assistant",
					(text.isEmpty() && !toolCalls.isEmpty()) ? null : text.toString(), null, extra);
			choices.add(new ChatChoice(candidate.path("index").asInt(choices.size()), message,
					finishReason(candidate.path("finishReason").asString(null), !toolCalls.isEmpty())));
		}
		return new ChatCompletion(id, ChatCompletion.OBJECT, System.currentTimeMillis() / 1000, model, choices,
				usage(response.path("usageMetadata")), null);
	}

	/**
	 * A prompt Gemini refused to answer comes back as a 200 with no candidates and a
	 * {@code promptFeedback.blockReason}; for the caller and for content_policy_fallbacks
	 * that is a content policy violation.
	 */
	static void rejectBlockedPrompt(JsonNode response) {
		String reason = response.path("promptFeedback").path("blockReason").asString(null);
		if (reason != null && response.path("candidates").isEmpty()) {
			String detail = response.path("promptFeedback").path("blockReasonMessage").asString(null);
			throw new ContentPolicyViolationError("litellm.ContentPolicyViolationError: GeminiException - "
					+ "the prompt was blocked, blockReason " + reason + ((detail != null) ? ": " + detail : ""), null,
					"messages");
		}
	}

	static String arguments(JsonNode functionCall) {
		JsonNode args = functionCall.path("args");
		return args.isObject() ? args.toString() : "{}";
	}

	/** https://ai.google.dev/api/generate-content#FinishReason */
	static String finishReason(@Nullable String reason, boolean toolCalls) {
		if (reason == null) {
			return toolCalls ? "tool_calls" : "stop";
		}
		return switch (reason) {
			case "MAX_TOKENS" -> "length";
			case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
			default -> toolCalls ? "tool_calls" : "stop";
		};
	}

	/**
	 * Gemini's {@code promptTokenCount} already includes the cached tokens, as OpenAI's
	 * {@code prompt_tokens} does; thinking tokens are billed as output, so they count as
	 * completion tokens (https://ai.google.dev/api/generate-content#UsageMetadata).
	 */
	static Usage usage(JsonNode metadata) {
		if (!metadata.isObject()) {
			return Usage.NONE;
		}
		long prompt = metadata.path("promptTokenCount").asLong(0);
		long thoughts = metadata.path("thoughtsTokenCount").asLong(0);
		long completion = metadata.path("candidatesTokenCount").asLong(0) + thoughts;
		long cached = metadata.path("cachedContentTokenCount").asLong(0);
		Map<String, @Nullable Object> details = new LinkedHashMap<>();
		if (cached > 0) {
			details.put("prompt_tokens_details", Map.of("cached_tokens", cached));
		}
		if (thoughts > 0) {
			details.put("completion_tokens_details", Map.of("reasoning_tokens", thoughts));
		}
		return new Usage(prompt, completion, prompt + completion, details);
	}

}
