package dev.llmgw.gateway.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.model.anthropic.MessagesRequest;
import org.jspecify.annotations.Nullable;

/**
 * Anthropic tools and tool choice in OpenAI form: {@code input_schema} is the function's
 * {@code parameters}; {@code any} is {@code required}; {@code disable_parallel_tool_use}
 * is {@code parallel_tool_calls: false}.
 */
final class MessagesTools {

	private MessagesTools() {
	}

	static void apply(MessagesRequest request, Map<String, @Nullable Object> extra) {
		if (request.tools() != null && !request.tools().isEmpty()) {
			List<Map<String, Object>> tools = new ArrayList<>(request.tools().size());
			for (Map<String, Object> tool : request.tools()) {
				Object schema = tool.get("input_schema");
				Map<String, Object> function = new java.util.LinkedHashMap<>();
				function.put("name", String.valueOf(tool.get("name")));
				if (tool.get("description") != null) {
					function.put("description", tool.get("description"));
				}
				function.put("parameters", (schema != null) ? schema : Map.of("type", "object"));
				tools.add(Map.of("type", "function", "function", function));
			}
			extra.put("tools", tools);
		}
		Map<String, Object> choice = request.toolChoice();
		if (choice == null) {
			return;
		}
		switch (String.valueOf(choice.get("type"))) {
			case "any" -> extra.put("tool_choice", "required");
			case "none" -> extra.put("tool_choice", "none");
			case "tool" -> extra.put("tool_choice",
					Map.of("type", "function", "function", Map.of("name", String.valueOf(choice.get("name")))));
			default -> extra.put("tool_choice", "auto");
		}
		if (Boolean.TRUE.equals(choice.get("disable_parallel_tool_use"))) {
			extra.put("parallel_tool_calls", false);
		}
	}

}
