package dev.llmgw.gateway.providers.cohere;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.openai.ChatTool;
import dev.llmgw.model.openai.FunctionDefinition;
import dev.llmgw.model.openai.ToolChoice;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI {@code tools} and {@code tool_choice} for Cohere v2, which takes the tools in
 * OpenAI's function shape as they are, and a choice of {@code REQUIRED} or {@code NONE}
 * only (https://docs.cohere.com/reference/chat#request.body.tool_choice). Forcing one
 * named function has no v2 equivalent; sending only that function with {@code REQUIRED}
 * has the same effect.
 */
final class CohereTools {

	private CohereTools() {
	}

	/**
	 * Only the fields v2 documents: OpenAI's {@code strict} and other extensions would be
	 * refused.
	 */
	private static Map<String, Object> tool(ChatTool tool, int index) {
		FunctionDefinition function = tool.function();
		if (!tool.isFunction() || function == null) {
			throw new BadRequestError("cohere takes tools of type function only, not " + tool.type(), null,
					"tools[" + index + "].type");
		}
		Map<String, Object> cohere = new LinkedHashMap<>();
		cohere.put("name", function.name());
		if (function.description() != null) {
			cohere.put("description", function.description());
		}
		if (function.parameters() != null) {
			cohere.put("parameters", function.parameters());
		}
		Map<String, Object> wrapped = new LinkedHashMap<>();
		wrapped.put("type", "function");
		wrapped.put("function", cohere);
		return wrapped;
	}

	private static List<Map<String, Object>> tools(List<ChatTool> tools) {
		List<Map<String, Object>> cohere = new ArrayList<>(tools.size());
		for (int i = 0; i < tools.size(); i++) {
			cohere.add(tool(tools.get(i), i));
		}
		return cohere;
	}

	static void apply(@Nullable List<ChatTool> tools, @Nullable ToolChoice choice, Map<String, Object> body) {
		List<ChatTool> list = (tools != null && !tools.isEmpty()) ? tools : null;
		if (choice != null && choice.isFunction()) {
			String name = choice.functionName();
			List<ChatTool> named = (list == null) ? List.of()
					: list.stream().filter((tool) -> tool.isFunction() && name.equals(tool.name())).toList();
			if (named.isEmpty()) {
				throw new BadRequestError("tool_choice names function " + name + ", which is not among the tools", null,
						"tool_choice");
			}
			body.put("tools", tools(named));
			body.put("tool_choice", "REQUIRED");
			return;
		}
		if (list != null) {
			body.put("tools", tools(list));
		}
		if (choice == null || choice.is(ToolChoice.AUTO)) {
			return;
		}
		if (choice.requiresATool()) {
			body.put("tool_choice", "REQUIRED");
		}
		else if (choice.is(ToolChoice.NONE)) {
			body.put("tool_choice", "NONE");
		}
		else {
			throw new BadRequestError("Invalid tool_choice: " + choice.json(), null, "tool_choice");
		}
	}

}
