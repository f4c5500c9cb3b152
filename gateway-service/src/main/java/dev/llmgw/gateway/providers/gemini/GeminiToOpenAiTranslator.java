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
import tools.jackson.databind.json.JsonMapper;

/**
 * A Gemini {@code GenerateContentResponse} to an OpenAI chat completion
 * (https://ai.google.dev/api/generate-content#generatecontentresponse): each candidate a
 * choice, text parts joined (thought summaries left out), function calls as tool calls
 * with ids of our own, since Gemini gives none.
 */
final class GeminiToOpenAiTranslator {

	private final JsonMapper mapper;

	GeminiToOpenAiTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ChatCompletion translate(GenerateContentResponse response, String id, String model) {
		rejectBlockedPrompt(response);
		List<ChatChoice> choices = new ArrayList<>();
		int toolCallNumber = 0;
		for (GenerateContentResponse.Candidate candidate : response.candidateList()) {
			StringBuilder text = new StringBuilder();
			List<ToolCall> toolCalls = new ArrayList<>();
			for (GeminiContent.Part part : candidate.parts()) {
				if (part.isAnswerText()) {
					text.append(part.text());
				}
				else if (part.functionCall() != null) {
					String callId = ThoughtSignatures.toolCallId(toolCallNumber++, part.thoughtSignature());
					toolCalls.add(ToolCall.of(callId, String.valueOf(part.functionCall().name()),
							arguments(part.functionCall())));
				}
			}
			Map<String, @Nullable Object> extra = new LinkedHashMap<>();
			if (!toolCalls.isEmpty()) {
				extra.put("tool_calls", toolCalls);
			}
			ChatMessage message = new ChatMessage("assistant",
					(text.isEmpty() && !toolCalls.isEmpty()) ? null : text.toString(), null, extra);
			choices.add(new ChatChoice((candidate.index() != null) ? candidate.index() : choices.size(), message,
					finishReason(candidate.finishReason(), !toolCalls.isEmpty())));
		}
		return new ChatCompletion(id, ChatCompletion.OBJECT, System.currentTimeMillis() / 1000, model, choices,
				usage(response.usageMetadata()), null);
	}

	/**
	 * A prompt Gemini refused to answer comes back as a 200 with no candidates and a
	 * {@code promptFeedback.blockReason}; for the caller and for content_policy_fallbacks
	 * that is a content policy violation.
	 */
	static void rejectBlockedPrompt(GenerateContentResponse response) {
		GenerateContentResponse.PromptFeedback feedback = response.promptFeedback();
		String reason = (feedback != null) ? feedback.blockReason() : null;
		if (reason != null && response.candidateList().isEmpty()) {
			String detail = feedback.blockReasonMessage();
			throw new ContentPolicyViolationError("litellm.ContentPolicyViolationError: GeminiException - "
					+ "the prompt was blocked, blockReason " + reason + ((detail != null) ? ": " + detail : ""), null,
					"messages");
		}
	}

	/** A call's arguments as OpenAI's JSON text; anything but an object is none. */
	String arguments(GeminiContent.FunctionCall call) {
		return (call.args() instanceof Map<?, ?> args) ? this.mapper.writeValueAsString(args) : "{}";
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
	static Usage usage(GenerateContentResponse.@Nullable UsageMetadata metadata) {
		if (metadata == null) {
			return Usage.NONE;
		}
		long prompt = GenerateContentResponse.UsageMetadata.count(metadata.promptTokenCount());
		long thoughts = GenerateContentResponse.UsageMetadata.count(metadata.thoughtsTokenCount());
		long completion = GenerateContentResponse.UsageMetadata.count(metadata.candidatesTokenCount()) + thoughts;
		long cached = GenerateContentResponse.UsageMetadata.count(metadata.cachedContentTokenCount());
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
