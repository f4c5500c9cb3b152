package dev.llmgw.gateway.messages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.anthropic.MessagesRequest;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.ChatTool;
import dev.llmgw.model.openai.StreamOptions;
import dev.llmgw.model.openai.ToolChoice;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Messages request to an OpenAI chat request: {@code system} becomes a system message,
 * tool_result blocks become tool messages placed right after the assistant turn that
 * called them (as OpenAI requires), tool_use blocks become tool calls, images become
 * image_url parts, and a stream always asks for usage, which the Anthropic events report.
 */
final class AnthropicToOpenAiRequestTranslator {

	private final JsonMapper mapper;

	AnthropicToOpenAiRequestTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ChatCompletionRequest translate(MessagesRequest request) {
		validate(request);
		List<ChatMessage> messages = new ArrayList<>();
		String system = text(request.system());
		if (!system.isEmpty()) {
			messages.add(ChatMessage.of("system", system));
		}
		for (MessagesRequest.Message message : request.messages()) {
			if ("assistant".equals(message.role())) {
				messages.add(assistant(message.content()));
			}
			else {
				user(message.content(), messages);
			}
		}
		Map<String, @Nullable Object> extra = new LinkedHashMap<>(request.extra());
		putIfSet(extra, "top_p", request.topP());
		putIfSet(extra, "top_k", request.topK());
		if (request.stopSequences() != null && !request.stopSequences().isEmpty()) {
			extra.put("stop", request.stopSequences());
		}
		List<ChatTool> tools = MessagesTools.tools(request);
		ToolChoice choice = MessagesTools.choice(request, extra);
		String user = (request.metadata() != null && request.metadata().get("user_id") != null)
				? request.metadata().get("user_id").toString() : null;
		return new ChatCompletionRequest(request.model(), messages, request.isStream() ? Boolean.TRUE : null,
				request.isStream() ? StreamOptions.withUsage() : null, request.maxTokens(), null, request.temperature(),
				user, tools, choice, null, extra);
	}

	private static void validate(MessagesRequest request) {
		if (request.model() == null || request.model().isBlank()) {
			throw new BadRequestError("model: Field required", null, "model");
		}
		if (request.maxTokens() == null) {
			throw new BadRequestError("max_tokens: Field required", null, "max_tokens");
		}
		if (request.messages() == null || request.messages().isEmpty()) {
			throw new BadRequestError("messages: Field required (a non-empty list)", null, "messages");
		}
	}

	private void user(@Nullable Object content, List<ChatMessage> messages) {
		if (!(content instanceof List<?> blocks)) {
			messages.add(ChatMessage.of("user", (content != null) ? content.toString() : ""));
			return;
		}
		List<Object> parts = new ArrayList<>();
		for (Object block : blocks) {
			if (!(block instanceof Map<?, ?> map)) {
				continue;
			}
			switch (String.valueOf(map.get("type"))) {
				case "tool_result" -> {
					Map<String, @Nullable Object> extra = new LinkedHashMap<>();
					extra.put("tool_call_id", String.valueOf(map.get("tool_use_id")));
					messages.add(new ChatMessage("tool", text(map.get("content")), null, extra));
				}
				case "text" -> parts.add(textPart(map));
				case "image" -> parts.add(MessagesImages.toImageUrlPart(map));
				default -> {
					// documents and server tool blocks have no OpenAI chat form
				}
			}
		}
		if (!parts.isEmpty()) {
			messages.add(new ChatMessage("user", parts, null, null));
		}
	}

	private ChatMessage assistant(@Nullable Object content) {
		if (!(content instanceof List<?> blocks)) {
			return ChatMessage.of("assistant", (content != null) ? content.toString() : "");
		}
		StringBuilder text = new StringBuilder();
		List<Map<String, Object>> toolCalls = new ArrayList<>();
		for (Object block : blocks) {
			if (block instanceof Map<?, ?> map && "text".equals(map.get("type"))) {
				text.append(map.get("text"));
			}
			else if (block instanceof Map<?, ?> map && "tool_use".equals(map.get("type"))) {
				Map<String, Object> function = new LinkedHashMap<>();
				function.put("name", String.valueOf(map.get("name")));
				function.put("arguments",
						this.mapper.writeValueAsString((map.get("input") != null) ? map.get("input") : Map.of()));
				Map<String, Object> call = new LinkedHashMap<>();
				call.put("id", String.valueOf(map.get("id")));
				call.put("type", "function");
				call.put("function", function);
				toolCalls.add(call);
			}
		}
		Map<String, @Nullable Object> extra = new LinkedHashMap<>();
		if (!toolCalls.isEmpty()) {
			extra.put("tool_calls", toolCalls);
		}
		return new ChatMessage("assistant", (text.isEmpty() && !toolCalls.isEmpty()) ? null : text.toString(), null,
				extra);
	}

	private static Map<String, Object> textPart(Map<?, ?> block) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("type", "text");
		part.put("text", String.valueOf(block.get("text")));
		if (block.get("cache_control") != null) {
			part.put("cache_control", block.get("cache_control"));
		}
		return part;
	}

	/** A string, or the text of a list of text blocks joined by blank lines. */
	static String text(@Nullable Object content) {
		if (content == null) {
			return "";
		}
		if (!(content instanceof List<?> blocks)) {
			return content.toString();
		}
		StringBuilder text = new StringBuilder();
		for (Object block : blocks) {
			if (block instanceof Map<?, ?> map && "text".equals(map.get("type"))) {
				if (!text.isEmpty()) {
					text.append("\n\n");
				}
				text.append(map.get("text"));
			}
		}
		return text.toString();
	}

	private static void putIfSet(Map<String, @Nullable Object> extra, String name, @Nullable Object value) {
		if (value != null) {
			extra.put(name, value);
		}
	}

}
