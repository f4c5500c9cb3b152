package dev.llmgw.gateway.providers.bedrock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.ResponseFormatTool;
import dev.llmgw.model.openai.ChatChoice;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.ToolCall;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * A Converse response to an OpenAI chat completion: text blocks joined, tool uses as tool
 * calls with JSON-encoded arguments, the stop reason as a finish reason, Bedrock's cache
 * token counts in OpenAI's usage details and a guardrail trace as {@code trace}.
 */
final class ConverseToOpenAiTranslator {

	ChatCompletion translate(ConverseResponse response, String id, String model) {
		StringBuilder text = new StringBuilder();
		List<ToolCall> toolCalls = new ArrayList<>();
		boolean structured = false;
		if (response.output() != null && response.output().message() != null) {
			for (ContentBlock block : response.output().message().content()) {
				if (block.text() != null) {
					text.append(block.text());
				}
				else if (block.toolUse() != null && ResponseFormatTool.isTool(block.toolUse().name())) {
					// the answer to a response_format, told as the text it stands for
					text.append(ToolArguments.json(Documents.toPlain(block.toolUse().input())));
					structured = true;
				}
				else if (block.toolUse() != null) {
					toolCalls.add(ToolCall.of(block.toolUse().toolUseId(), block.toolUse().name(),
							ToolArguments.json(Documents.toPlain(block.toolUse().input()))));
				}
			}
		}
		Map<String, @Nullable Object> extra = new LinkedHashMap<>();
		if (!toolCalls.isEmpty()) {
			extra.put("tool_calls", toolCalls);
		}
		ChatMessage message = new ChatMessage("assistant",
				(text.isEmpty() && !toolCalls.isEmpty()) ? null : text.toString(), null, extra);
		ChatChoice choice = new ChatChoice(0, message,
				(structured && toolCalls.isEmpty()) ? "stop" : finishReason(response.stopReason()));
		ChatCompletion completion = ChatCompletion.of(id, System.currentTimeMillis() / 1000, model, choice,
				usage(response.usage()));
		if (response.trace() != null) {
			// a guardrail's assessment, returned as LiteLLM returns it: top-level "trace"
			completion.extra().put("trace", SdkValues.plain(response.trace()));
		}
		return completion;
	}

	static String finishReason(@Nullable StopReason reason) {
		if (reason == null) {
			return "stop";
		}
		return switch (reason) {
			case MAX_TOKENS, MODEL_CONTEXT_WINDOW_EXCEEDED -> "length";
			case TOOL_USE -> "tool_calls";
			case GUARDRAIL_INTERVENED, CONTENT_FILTERED -> "content_filter";
			default -> "stop";
		};
	}

	static Usage usage(@Nullable TokenUsage usage) {
		if (usage == null) {
			return Usage.NONE;
		}
		long input = value(usage.inputTokens());
		long output = value(usage.outputTokens());
		long cacheRead = value(usage.cacheReadInputTokens());
		long cacheWrite = value(usage.cacheWriteInputTokens());
		Map<String, @Nullable Object> details = new LinkedHashMap<>();
		if (cacheRead > 0 || cacheWrite > 0) {
			details.put("prompt_tokens_details", Map.of("cached_tokens", cacheRead));
			details.put("cache_read_input_tokens", cacheRead);
			details.put("cache_creation_input_tokens", cacheWrite);
		}
		// Bedrock's inputTokens leave out cached tokens; OpenAI's prompt_tokens include
		// them, and pricing reads the cached share from the details
		long prompt = input + cacheRead + cacheWrite;
		return new Usage(prompt, output, prompt + output, details);
	}

	private static long value(@Nullable Integer tokens) {
		return (tokens != null) ? tokens : 0;
	}

}
