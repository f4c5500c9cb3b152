package dev.llmgw.gateway.providers.gemini;

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
 * OpenAI {@code tools} and {@code tool_choice} as Gemini's {@code tools} and
 * {@code toolConfig} (https://ai.google.dev/gemini-api/docs/function-calling): all
 * functions in one {@code functionDeclarations} list, and the choice as a function
 * calling mode, {@code ANY} restricted to the named function when one is forced.
 */
final class GeminiTools {

	private GeminiTools() {
	}

	static @Nullable List<Map<String, Object>> tools(@Nullable List<ChatTool> tools) {
		if (tools == null || tools.isEmpty()) {
			return null;
		}
		List<Map<String, Object>> declarations = new ArrayList<>(tools.size());
		for (int i = 0; i < tools.size(); i++) {
			ChatTool tool = tools.get(i);
			FunctionDefinition function = tool.function();
			if (!tool.isFunction() || function == null) {
				throw new BadRequestError("gemini takes tools of type function only, not " + tool.type(), null,
						"tools[" + i + "].type");
			}
			Map<String, Object> declaration = new LinkedHashMap<>();
			declaration.put("name", function.name());
			if (function.description() != null) {
				declaration.put("description", function.description());
			}
			// A function without parameters must leave them out: Gemini refuses an
			// object schema with no properties
			Map<String, @Nullable Object> parameters = function.parameters();
			if (parameters != null
					&& !(parameters.get("properties") instanceof Map<?, ?> properties && properties.isEmpty())) {
				declaration.put("parameters", GeminiSchema.clean(parameters));
			}
			declarations.add(declaration);
		}
		return List.of(Map.of("functionDeclarations", declarations));
	}

	static @Nullable Map<String, Object> toolConfig(@Nullable ToolChoice choice) {
		if (choice == null) {
			return null;
		}
		Map<String, Object> config = new LinkedHashMap<>();
		if (choice.isFunction()) {
			config.put("mode", "ANY");
			config.put("allowedFunctionNames", List.of(choice.functionName()));
		}
		else if (choice.is(ToolChoice.AUTO)) {
			config.put("mode", "AUTO");
		}
		else if (choice.requiresATool()) {
			config.put("mode", "ANY");
		}
		else if (choice.is(ToolChoice.NONE)) {
			config.put("mode", "NONE");
		}
		else {
			throw new BadRequestError("Invalid tool_choice: " + choice.json(), null, "tool_choice");
		}
		return Map.of("functionCallingConfig", config);
	}

}
