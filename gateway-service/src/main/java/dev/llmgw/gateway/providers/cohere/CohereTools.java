package dev.llmgw.gateway.providers.cohere;

import java.util.ArrayList;
import java.util.List;

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
 *
 * @param tools the tools, or null for none
 * @param choice REQUIRED, NONE, or null to leave it to the model
 */
record CohereTools(@Nullable List<ChatTool> tools, @Nullable String choice) {

	/**
	 * Only the fields v2 documents: OpenAI's {@code strict} and other extensions would be
	 * refused.
	 */
	private static ChatTool tool(ChatTool tool, int index) {
		FunctionDefinition function = tool.function();
		if (!tool.isFunction() || function == null) {
			throw new BadRequestError("cohere takes tools of type function only, not " + tool.type(), null,
					"tools[" + index + "].type");
		}
		return ChatTool
			.function(new FunctionDefinition(function.name(), function.description(), function.parameters()));
	}

	private static List<ChatTool> documented(List<ChatTool> tools) {
		List<ChatTool> cohere = new ArrayList<>(tools.size());
		for (int i = 0; i < tools.size(); i++) {
			cohere.add(tool(tools.get(i), i));
		}
		return cohere;
	}

	static CohereTools of(@Nullable List<ChatTool> tools, @Nullable ToolChoice choice) {
		List<ChatTool> list = (tools != null && !tools.isEmpty()) ? tools : null;
		if (choice != null && choice.isFunction()) {
			String name = choice.functionName();
			List<ChatTool> named = (list == null) ? List.of()
					: list.stream().filter((tool) -> tool.isFunction() && name.equals(tool.name())).toList();
			if (named.isEmpty()) {
				throw new BadRequestError("tool_choice names function " + name + ", which is not among the tools", null,
						"tool_choice");
			}
			return new CohereTools(documented(named), "REQUIRED");
		}
		List<ChatTool> sent = (list != null) ? documented(list) : null;
		if (choice == null || choice.is(ToolChoice.AUTO)) {
			return new CohereTools(sent, null);
		}
		if (choice.requiresATool()) {
			return new CohereTools(sent, "REQUIRED");
		}
		if (choice.is(ToolChoice.NONE)) {
			return new CohereTools(sent, "NONE");
		}
		throw new BadRequestError("Invalid tool_choice: " + choice.json(), null, "tool_choice");
	}

}
