package dev.llmgw.gateway.messages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.anthropic.MessagesRequest;
import dev.llmgw.model.anthropic.MessagesTool;
import dev.llmgw.model.anthropic.MessagesToolChoice;
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
			MessagesTool tool = request.tools().get(i);
			String name = tool.name();
			if (name == null || name.isBlank()) {
				throw new BadRequestError("tools." + i + ".name: Field required", null, "tools");
			}
			if (!tool.isClientTool()) {
				// written back as Anthropic has it, for an Anthropic deployment
				Map<String, @Nullable Object> hosted = new LinkedHashMap<>();
				hosted.put("name", name);
				putIfSet(hosted, "description", tool.description());
				putIfSet(hosted, "input_schema", tool.inputSchema());
				putIfSet(hosted, "cache_control", tool.cacheControl());
				hosted.putAll(tool.extra());
				tools.add(new ChatTool(tool.type(), null, hosted));
				continue;
			}
			Map<String, @Nullable Object> parameters = new LinkedHashMap<>();
			if (tool.inputSchema() != null) {
				parameters.putAll(tool.inputSchema());
			}
			else {
				parameters.put("type", "object");
			}
			Map<String, @Nullable Object> extra = new LinkedHashMap<>();
			putIfSet(extra, "cache_control", tool.cacheControl());
			tools.add(new ChatTool("function", new FunctionDefinition(name, tool.description(), parameters), extra));
		}
		return tools;
	}

	static @Nullable ToolChoice choice(MessagesRequest request, Map<String, @Nullable Object> extra) {
		MessagesToolChoice choice = request.toolChoice();
		if (choice == null) {
			return null;
		}
		if (Boolean.TRUE.equals(choice.disableParallelToolUse())) {
			extra.put("parallel_tool_calls", false);
		}
		switch (String.valueOf(choice.type())) {
			case "any":
				return ToolChoice.mode(ToolChoice.REQUIRED);
			case "none":
				return ToolChoice.mode(ToolChoice.NONE);
			case "tool":
				if (choice.name() == null || choice.name().isBlank()) {
					throw new BadRequestError("tool_choice.name: Field required", null, "tool_choice");
				}
				return ToolChoice.function(choice.name());
			default:
				return ToolChoice.mode(ToolChoice.AUTO);
		}
	}

	private static void putIfSet(Map<String, @Nullable Object> map, String name, @Nullable Object value) {
		if (value != null) {
			map.put(name, value);
		}
	}

}
