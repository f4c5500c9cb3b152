package dev.llmgw.gateway.providers.gemini;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.openai.ChatTool;
import dev.llmgw.model.openai.FunctionDefinition;
import dev.llmgw.model.openai.ToolChoice;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI {@code tools} and {@code tool_choice} as Gemini's {@code tools} and
 * {@code toolConfig} (https://ai.google.dev/gemini-api/docs/function-calling): all
 * functions in one {@code functionDeclarations} list, and the choice as a function
 * calling mode, {@code ANY} restricted to the named function when one is forced.
 */
final class GeminiTools {

	private GeminiTools() {
	}

	static @Nullable List<GenerateContentRequest.Tool> tools(@Nullable List<ChatTool> tools) {
		if (tools == null || tools.isEmpty()) {
			return null;
		}
		List<GenerateContentRequest.FunctionDeclaration> declarations = new ArrayList<>(tools.size());
		for (int i = 0; i < tools.size(); i++) {
			ChatTool tool = tools.get(i);
			FunctionDefinition function = tool.function();
			if (!tool.isFunction() || function == null) {
				throw new BadRequestError("gemini takes tools of type function only, not " + tool.type(), null,
						"tools[" + i + "].type");
			}
			// A function without parameters must leave them out: Gemini refuses an
			// object schema with no properties
			Map<String, @Nullable Object> parameters = function.parameters();
			boolean empty = parameters == null
					|| (parameters.get("properties") instanceof Map<?, ?> properties && properties.isEmpty());
			declarations.add(new GenerateContentRequest.FunctionDeclaration(function.name(), function.description(),
					empty ? null : GeminiSchema.clean(parameters)));
		}
		return List.of(new GenerateContentRequest.Tool(declarations));
	}

	static GenerateContentRequest.@Nullable ToolConfig toolConfig(@Nullable ToolChoice choice) {
		if (choice == null) {
			return null;
		}
		GenerateContentRequest.FunctionCallingConfig config;
		if (choice.isFunction()) {
			config = new GenerateContentRequest.FunctionCallingConfig("ANY", List.of(choice.functionName()));
		}
		else if (choice.is(ToolChoice.AUTO)) {
			config = new GenerateContentRequest.FunctionCallingConfig("AUTO", null);
		}
		else if (choice.requiresATool()) {
			config = new GenerateContentRequest.FunctionCallingConfig("ANY", null);
		}
		else if (choice.is(ToolChoice.NONE)) {
			config = new GenerateContentRequest.FunctionCallingConfig("NONE", null);
		}
		else {
			throw new BadRequestError("Invalid tool_choice: " + choice.json(), null, "tool_choice");
		}
		return new GenerateContentRequest.ToolConfig(config);
	}

}
