package dev.llmgw.gateway.providers.anthropic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ParamSupport;
import dev.llmgw.gateway.providers.ParamValues;
import dev.llmgw.gateway.providers.TypedDefaults;
import dev.llmgw.gateway.providers.ToolCallIds;
import dev.llmgw.model.anthropic.ContentBlock;
import dev.llmgw.model.anthropic.MessagesRequest;
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
	MessagesRequest body(ChatCompletionRequest given, Deployment deployment, boolean stream) {
		ChatCompletionRequest request = TypedDefaults.apply(given, deployment);
		PARAMS.check(request, deployment);
		Map<String, Object> defaults = deployment.defaults();
		List<ContentBlock> system = new ArrayList<>();
		Turns turns = new Turns();
		List<ChatMessage> chat = request.messages();
		for (int i = 0; chat != null && i < chat.size(); i++) {
			add(chat.get(i), i, system, turns);
		}
		Object stop = request.extra().getOrDefault("stop", defaults.get("stop"));
		List<String> stopSequences = (stop instanceof List<?> list) ? list.stream().map(String::valueOf).toList()
				: (stop != null) ? List.of(stop.toString()) : null;
		AnthropicTools tools = AnthropicTools.of(request);
		Map<String, @Nullable Object> extra = new LinkedHashMap<>();
		Object thinking = thinking(request);
		if (thinking != null) {
			extra.put("thinking", thinking);
		}
		Map<String, Object> metadata = (request.user() != null) ? Map.of("user_id", request.user()) : null;
		return new MessagesRequest(deployment.providerModel(), turns.messages(), system.isEmpty() ? null : system,
				maxTokens(request, defaults), stream ? Boolean.TRUE : null,
				(request.temperature() != null) ? request.temperature()
						: ParamValues.decimal(defaults.get("temperature"), "temperature"),
				ParamValues.decimal(request.extra().getOrDefault("top_p", defaults.get("top_p")), "top_p"),
				ParamValues.integer(request.extra().getOrDefault("top_k", defaults.get("top_k")), "top_k"),
				stopSequences, tools.tools(), tools.choice(), metadata, extra);
	}

	private void add(ChatMessage message, int index, List<ContentBlock> system, Turns turns) {
		String role = String.valueOf(message.role());
		switch (role) {
			case "system", "developer" -> system.addAll(textBlocks(message));
			case "user" -> turns.append("user", userBlocks(message, index));
			case "assistant" -> turns.append("assistant", assistantBlocks(message, index));
			case "tool", "function" -> turns.append("user", List.of(toolResult(message, index)));
			default -> throw new BadRequestError(
					"Invalid message at messages[" + index + "]: unknown role '" + role + "'", null, "messages");
		}
	}

	/**
	 * The conversation while it is built: consecutive turns of one role become one, as
	 * the API wants them alternating.
	 */
	private static final class Turns {

		private final List<String> roles = new ArrayList<>();

		private final List<List<ContentBlock>> contents = new ArrayList<>();

		void append(String role, List<ContentBlock> blocks) {
			if (blocks.isEmpty()) {
				return;
			}
			int last = this.roles.size() - 1;
			if (last >= 0 && role.equals(this.roles.get(last))) {
				this.contents.get(last).addAll(blocks);
				return;
			}
			this.roles.add(role);
			this.contents.add(new ArrayList<>(blocks));
		}

		List<MessagesRequest.Message> messages() {
			List<MessagesRequest.Message> messages = new ArrayList<>(this.roles.size());
			for (int i = 0; i < this.roles.size(); i++) {
				messages.add(new MessagesRequest.Message(this.roles.get(i), this.contents.get(i)));
			}
			return messages;
		}

	}

	private static List<ContentBlock> textBlocks(ChatMessage message) {
		if (message.content() instanceof List<?> parts) {
			List<ContentBlock> blocks = new ArrayList<>();
			for (Object part : parts) {
				if (part instanceof Map<?, ?> map && "text".equals(map.get("type"))) {
					blocks.add(ContentBlock.text(String.valueOf(map.get("text")), map.get("cache_control")));
				}
			}
			return blocks;
		}
		String text = message.text();
		return text.isEmpty() ? List.of() : List.of(ContentBlock.text(text, null));
	}

	private static List<ContentBlock> userBlocks(ChatMessage message, int index) {
		if (!(message.content() instanceof List<?> parts)) {
			return textBlocks(message);
		}
		List<ContentBlock> blocks = new ArrayList<>(parts.size());
		for (Object part : parts) {
			if (!(part instanceof Map<?, ?> map)) {
				continue;
			}
			if ("text".equals(map.get("type"))) {
				blocks.add(ContentBlock.text(String.valueOf(map.get("text")), map.get("cache_control")));
			}
			else if ("image_url".equals(map.get("type"))) {
				blocks.add(AnthropicImages.block(map.get("image_url"), index));
			}
		}
		return blocks;
	}

	private List<ContentBlock> assistantBlocks(ChatMessage message, int index) {
		List<ContentBlock> blocks = new ArrayList<>();
		String text = message.text();
		if (!text.isBlank()) {
			blocks.add(ContentBlock.text(text, null));
		}
		if (message.extra().get("tool_calls") instanceof List<?> calls) {
			for (Object call : calls) {
				if (call instanceof Map<?, ?> map && map.get("function") instanceof Map<?, ?> function) {
					blocks.add(ContentBlock.toolUse(ToolCallIds.withoutThoughtSignature(map.get("id")),
							String.valueOf(function.get("name")), arguments(function.get("arguments"), index)));
				}
			}
		}
		return blocks;
	}

	private static ContentBlock toolResult(ChatMessage message, int index) {
		Object id = message.extra().get("tool_call_id");
		if (id == null) {
			throw new BadRequestError("Invalid message at messages[" + index + "]: a tool message needs tool_call_id",
					null, "messages");
		}
		return ContentBlock.toolResult(ToolCallIds.withoutThoughtSignature(id), message.text());
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

	private static Integer maxTokens(ChatCompletionRequest request, Map<String, Object> defaults) {
		if (request.maxCompletionTokens() != null) {
			return request.maxCompletionTokens();
		}
		if (request.maxTokens() != null) {
			return request.maxTokens();
		}
		Integer configured = ParamValues.integer(defaults.get("max_tokens"), "max_tokens");
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

}
