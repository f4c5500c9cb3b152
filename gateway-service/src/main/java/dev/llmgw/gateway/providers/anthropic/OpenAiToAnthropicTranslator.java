package dev.llmgw.gateway.providers.anthropic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ParamSupport;
import dev.llmgw.gateway.providers.TypedDefaults;
import dev.llmgw.gateway.providers.ToolCallIds;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI chat request to an Anthropic Messages request
 * (https://docs.anthropic.com/en/api/messages): system and developer messages become
 * {@code system}, tool messages become {@code tool_result} blocks of a user turn,
 * assistant tool calls become {@code tool_use} blocks, turns of one role are merged (the
 * API wants them alternating), and {@code max_tokens}, which Anthropic requires, defaults
 * to the deployment's or 4096 as in LiteLLM. {@code cache_control} on a content part is
 * kept, so prompt caching works through the gateway.
 */
final class OpenAiToAnthropicTranslator {

	static final ParamSupport PARAMS = new ParamSupport("anthropic", Set.of("tools", "tool_choice", "stop", "top_p",
			"top_k", "thinking", "parallel_tool_calls", "response_format", "reasoning_effort"));

	static final int DEFAULT_MAX_TOKENS = 4096;

	private final JsonMapper mapper;

	OpenAiToAnthropicTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	byte[] translate(ChatCompletionRequest request, Deployment deployment, boolean stream) {
		return this.mapper.writeValueAsBytes(body(request, deployment, stream));
	}

	/** The Messages request, before it is written, for callers that change it. */
	Map<String, Object> body(ChatCompletionRequest given, Deployment deployment, boolean stream) {
		ChatCompletionRequest request = TypedDefaults.apply(given, deployment);
		PARAMS.check(request, deployment);
		Map<String, Object> defaults = deployment.defaults();
		List<Map<String, Object>> system = new ArrayList<>();
		List<Map<String, Object>> messages = new ArrayList<>();
		List<ChatMessage> chat = request.messages();
		for (int i = 0; chat != null && i < chat.size(); i++) {
			add(chat.get(i), i, system, messages);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("model", deployment.providerModel());
		body.put("messages", messages);
		if (!system.isEmpty()) {
			body.put("system", system);
		}
		body.put("max_tokens", maxTokens(request, defaults));
		putIfSet(body, "temperature",
				(request.temperature() != null) ? request.temperature() : defaults.get("temperature"));
		putIfSet(body, "top_p", request.extra().getOrDefault("top_p", defaults.get("top_p")));
		putIfSet(body, "top_k", request.extra().getOrDefault("top_k", defaults.get("top_k")));
		putIfSet(body, "thinking", thinking(request));
		Object stop = request.extra().getOrDefault("stop", defaults.get("stop"));
		if (stop != null) {
			body.put("stop_sequences", (stop instanceof List<?>) ? stop : List.of(stop.toString()));
		}
		AnthropicTools.apply(request, body);
		if (request.user() != null) {
			body.put("metadata", Map.of("user_id", request.user()));
		}
		if (stream) {
			body.put("stream", true);
		}
		return body;
	}

	private void add(ChatMessage message, int index, List<Map<String, Object>> system,
			List<Map<String, Object>> messages) {
		String role = String.valueOf(message.role());
		switch (role) {
			case "system", "developer" -> system.addAll(textBlocks(message));
			case "user" -> append(messages, "user", userBlocks(message, index));
			case "assistant" -> append(messages, "assistant", assistantBlocks(message, index));
			case "tool", "function" -> append(messages, "user", List.of(toolResult(message, index)));
			default -> throw new BadRequestError(
					"Invalid message at messages[" + index + "]: unknown role '" + role + "'", null, "messages");
		}
	}

	@SuppressWarnings("unchecked")
	private static void append(List<Map<String, Object>> messages, String role, List<Map<String, Object>> blocks) {
		if (blocks.isEmpty()) {
			return;
		}
		int last = messages.size() - 1;
		if (last >= 0 && role.equals(messages.get(last).get("role"))) {
			((List<Map<String, Object>>) messages.get(last).get("content")).addAll(blocks);
			return;
		}
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("role", role);
		message.put("content", new ArrayList<>(blocks));
		messages.add(message);
	}

	private static List<Map<String, Object>> textBlocks(ChatMessage message) {
		if (message.content() instanceof List<?> parts) {
			List<Map<String, Object>> blocks = new ArrayList<>();
			for (Object part : parts) {
				if (part instanceof Map<?, ?> map && "text".equals(map.get("type"))) {
					blocks.add(text(String.valueOf(map.get("text")), map.get("cache_control")));
				}
			}
			return blocks;
		}
		String text = message.text();
		return text.isEmpty() ? List.of() : List.of(text(text, null));
	}

	private static List<Map<String, Object>> userBlocks(ChatMessage message, int index) {
		if (!(message.content() instanceof List<?> parts)) {
			return textBlocks(message);
		}
		List<Map<String, Object>> blocks = new ArrayList<>(parts.size());
		for (Object part : parts) {
			if (!(part instanceof Map<?, ?> map)) {
				continue;
			}
			if ("text".equals(map.get("type"))) {
				blocks.add(text(String.valueOf(map.get("text")), map.get("cache_control")));
			}
			else if ("image_url".equals(map.get("type"))) {
				blocks.add(AnthropicImages.block(map.get("image_url"), index));
			}
		}
		return blocks;
	}

	private List<Map<String, Object>> assistantBlocks(ChatMessage message, int index) {
		List<Map<String, Object>> blocks = new ArrayList<>();
		String text = message.text();
		if (!text.isBlank()) {
			blocks.add(text(text, null));
		}
		if (message.extra().get("tool_calls") instanceof List<?> calls) {
			for (Object call : calls) {
				if (call instanceof Map<?, ?> map && map.get("function") instanceof Map<?, ?> function) {
					Map<String, Object> block = new LinkedHashMap<>();
					block.put("type", "tool_use");
					block.put("id", ToolCallIds.withoutThoughtSignature(map.get("id")));
					block.put("name", String.valueOf(function.get("name")));
					block.put("input", arguments(function.get("arguments"), index));
					blocks.add(block);
				}
			}
		}
		return blocks;
	}

	private static Map<String, Object> toolResult(ChatMessage message, int index) {
		Object id = message.extra().get("tool_call_id");
		if (id == null) {
			throw new BadRequestError("Invalid message at messages[" + index + "]: a tool message needs tool_call_id",
					null, "messages");
		}
		Map<String, Object> block = new LinkedHashMap<>();
		block.put("type", "tool_result");
		block.put("tool_use_id", ToolCallIds.withoutThoughtSignature(id));
		block.put("content", message.text());
		return block;
	}

	private static Map<String, Object> text(String text, @Nullable Object cacheControl) {
		Map<String, Object> block = new LinkedHashMap<>();
		block.put("type", "text");
		block.put("text", text);
		if (cacheControl != null) {
			block.put("cache_control", cacheControl);
		}
		return block;
	}

	private Object arguments(@Nullable Object arguments, int index) {
		if (!(arguments instanceof String text) || text.isBlank()) {
			return (arguments != null) ? arguments : Map.of();
		}
		try {
			return this.mapper.readValue(text, Object.class);
		}
		catch (JacksonException ex) {
			throw new BadRequestError("Invalid tool call arguments at messages[" + index + "]: not JSON", null,
					"messages");
		}
	}

	private static Object maxTokens(ChatCompletionRequest request, Map<String, Object> defaults) {
		if (request.maxCompletionTokens() != null) {
			return request.maxCompletionTokens();
		}
		if (request.maxTokens() != null) {
			return request.maxTokens();
		}
		Object configured = defaults.get("max_tokens");
		return (configured != null) ? configured : DEFAULT_MAX_TOKENS;
	}

	/**
	 * {@code thinking} as given, else OpenAI's {@code reasoning_effort} as a thinking
	 * budget, with LiteLLM's budgets per level.
	 */
	private static @Nullable Object thinking(ChatCompletionRequest request) {
		Object thinking = request.extra().get("thinking");
		if (thinking != null) {
			return thinking;
		}
		Object effort = request.extra().get("reasoning_effort");
		if (effort == null || "none".equals(effort)) {
			return null;
		}
		int budget = switch (effort.toString()) {
			case "minimal", "low" -> 1024;
			case "medium" -> 2048;
			default -> 4096;
		};
		Map<String, Object> budgetThinking = new LinkedHashMap<>();
		budgetThinking.put("type", "enabled");
		budgetThinking.put("budget_tokens", budget);
		return budgetThinking;
	}

	private static void putIfSet(Map<String, Object> body, String name, @Nullable Object value) {
		if (value != null) {
			body.put(name, value);
		}
	}

}
