package dev.llmgw.gateway.messages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.anthropic.MessagesRequest;
import dev.llmgw.model.openai.ChatTool;
import dev.llmgw.model.openai.FunctionDefinition;
import dev.llmgw.model.openai.ToolChoice;
import org.jspecify.annotations.Nullable;

/**
 * Anthropic tools and tool choice in OpenAI form: {@code input_schema} is the function's
 * {@code parameters}; {@code any} is {@code required}; {@code disable_parallel_tool_use}
 * is {@code parallel_tool_calls: false}. Anthropic's own tool types (web search, bash,
 * ...) stay as written, for an Anthropic deployment to receive them unchanged.
 */
final class MessagesTools {

	private MessagesTools() {
	}

	static @Nullable List<ChatTool> tools(MessagesRequest request) {
		if (request.tools() == null || request.tools().isEmpty()) {
			return null;
		}
		List<ChatTool> tools = new ArrayList<>(request.tools().size());
		for (int i = 0; i < request.tools().size(); i++) {
			Map<String, Object> tool = request.tools().get(i);
			if (!(tool.get("name") instanceof String name) || name.isBlank()) {
				throw new BadRequestError("tools." + i + ".name: Field required", null, "tools");
			}
			Object type = tool.get("type");
			if (type != null && !"custom".equals(type)) {
				Map<String, @Nullable Object> hosted = new LinkedHashMap<>(tool);
				hosted.remove("type");
				tools.add(new ChatTool(String.valueOf(type), null, hosted));
				continue;
			}
			Map<String, @Nullable Object> parameters = new LinkedHashMap<>();
			if (tool.get("input_schema") instanceof Map<?, ?> schema) {
				schema.forEach((key, value) -> parameters.put(String.valueOf(key), value));
			}
			else {
				parameters.put("type", "object");
			}
			String description = (tool.get("description") != null) ? tool.get("description").toString() : null;
			tools.add(ChatTool.function(new FunctionDefinition(name, description, parameters)));
		}
		return tools;
	}

	static @Nullable ToolChoice choice(MessagesRequest request, Map<String, @Nullable Object> extra) {
		Map<String, Object> choice = request.toolChoice();
		if (choice == null) {
			return null;
		}
		if (Boolean.TRUE.equals(choice.get("disable_parallel_tool_use"))) {
			extra.put("parallel_tool_calls", false);
		}
		switch (String.valueOf(choice.get("type"))) {
			case "any":
				return ToolChoice.mode(ToolChoice.REQUIRED);
			case "none":
				return ToolChoice.mode(ToolChoice.NONE);
			case "tool":
				if (!(choice.get("name") instanceof String name) || name.isBlank()) {
					throw new BadRequestError("tool_choice.name: Field required", null, "tool_choice");
				}
				return ToolChoice.function(name);
			default:
				return ToolChoice.mode(ToolChoice.AUTO);
		}
	}

}
