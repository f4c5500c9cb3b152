package dev.llmgw.gateway.providers.anthropic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.ProviderAnswers;
import dev.llmgw.gateway.providers.ResponseFormatTool;
import dev.llmgw.model.anthropic.ContentBlock;
import dev.llmgw.model.anthropic.MessagesResponse;
import dev.llmgw.model.anthropic.MessagesUsage;
import dev.llmgw.model.openai.ChatChoice;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.ToolCall;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Anthropic Messages response to an OpenAI chat completion: text blocks joined,
 * {@code tool_use} blocks as tool calls (the response-format tool's input as the content
 * instead), thinking as {@code reasoning_content}, the stop reason as a finish reason,
 * and cache reads and writes in the usage.
 */
final class AnthropicToOpenAiTranslator {

	private final JsonMapper mapper;

	AnthropicToOpenAiTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ChatCompletion translate(byte[] body) {
		MessagesResponse response = ProviderAnswers.read(this.mapper, body, MessagesResponse.class, "anthropic",
				"a Messages response");
		StringBuilder text = new StringBuilder();
		StringBuilder thinking = new StringBuilder();
		List<ToolCall> toolCalls = new ArrayList<>();
		boolean structured = false;
		for (ContentBlock block : (response.content() != null) ? response.content() : List.<ContentBlock>of()) {
			switch (String.valueOf(block.type())) {
				case ContentBlock.TEXT -> text.append(orEmpty(block.text()));
				case ContentBlock.THINKING -> thinking.append(orEmpty(block.thinking()));
				case ContentBlock.TOOL_USE -> {
					String input = this.mapper.writeValueAsString((block.input() != null) ? block.input() : Map.of());
					if (ResponseFormatTool.isTool(block.name())) {
						text.append(input);
						structured = true;
					}
					else {
						toolCalls.add(ToolCall.of(orEmpty(block.id()), orEmpty(block.name()), input));
					}
				}
				default -> {
					// server tool results and other blocks have no OpenAI form
				}
			}
		}
		Map<String, @Nullable Object> extra = new LinkedHashMap<>();
		if (!toolCalls.isEmpty()) {
			extra.put("tool_calls", toolCalls);
		}
		if (!thinking.isEmpty()) {
			extra.put("reasoning_content", thinking.toString());
		}
		ChatMessage message = new ChatMessage("assistant",
				(text.isEmpty() && !toolCalls.isEmpty()) ? null : text.toString(), null, extra);
		String finish = structured ? "stop" : finishReason(response.stopReason());
		MessagesUsage usage = (response.usage() != null) ? response.usage() : MessagesUsage.of(0, 0, 0, 0);
		return ChatCompletion.of(orEmpty(response.id()), System.currentTimeMillis() / 1000, orEmpty(response.model()),
				new ChatChoice(0, message, finish), usage(usage));
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	static String finishReason(@Nullable String stopReason) {
		if (stopReason == null) {
			return "stop";
		}
		return switch (stopReason) {
			case "max_tokens", "model_context_window_exceeded" -> "length";
			case "tool_use" -> "tool_calls";
			case "refusal" -> "content_filter";
			default -> "stop";
		};
	}

	/**
	 * Anthropic counts cache reads and writes apart from {@code input_tokens}; OpenAI's
	 * {@code prompt_tokens} include them, with the cached share in the details that
	 * pricing reads.
	 */
	static Usage usage(MessagesUsage usage) {
		long input = usage.input();
		long output = usage.output();
		long cacheRead = usage.cacheRead();
		long cacheWrite = usage.cacheWrite();
		Map<String, @Nullable Object> details = new LinkedHashMap<>();
		if (cacheRead > 0 || cacheWrite > 0) {
			details.put("prompt_tokens_details", Map.of("cached_tokens", cacheRead));
			details.put("cache_read_input_tokens", cacheRead);
			details.put("cache_creation_input_tokens", cacheWrite);
		}
		long prompt = input + cacheRead + cacheWrite;
		return new Usage(prompt, output, prompt + output, details);
	}

}
