package dev.llmgw.gateway.providers.gemini;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
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

	static @Nullable List<Map<String, Object>> tools(@Nullable Object tools) {
		if (!(tools instanceof List<?> list) || list.isEmpty()) {
			return null;
		}
		List<Map<String, Object>> declarations = new ArrayList<>(list.size());
		for (Object tool : list) {
			if (!(tool instanceof Map<?, ?> map) || !(map.get("function") instanceof Map<?, ?> function)) {
				throw new BadRequestError("gemini takes tools of type function only", null, "tools");
			}
			Map<String, Object> declaration = new LinkedHashMap<>();
			declaration.put("name", String.valueOf(function.get("name")));
			if (function.get("description") != null) {
				declaration.put("description", function.get("description").toString());
			}
			// A function without parameters must leave them out: Gemini refuses an
			// object schema with no properties
			if (function.get("parameters") instanceof Map<?, ?> parameters
					&& !(parameters.get("properties") instanceof Map<?, ?> properties && properties.isEmpty())) {
				declaration.put("parameters", GeminiSchema.clean(parameters));
			}
			declarations.add(declaration);
		}
		return List.of(Map.of("functionDeclarations", declarations));
	}

	static @Nullable Map<String, Object> toolConfig(@Nullable Object choice) {
		Map<String, Object> config = new LinkedHashMap<>();
		if ("auto".equals(choice)) {
			config.put("mode", "AUTO");
		}
		else if ("required".equals(choice)) {
			config.put("mode", "ANY");
		}
		else if ("none".equals(choice)) {
			config.put("mode", "NONE");
		}
		else if (choice instanceof Map<?, ?> map && map.get("function") instanceof Map<?, ?> function) {
			config.put("mode", "ANY");
			config.put("allowedFunctionNames", List.of(String.valueOf(function.get("name"))));
		}
		else if (choice != null) {
			throw new BadRequestError("Invalid tool_choice: " + choice, null, "tool_choice");
		}
		return config.isEmpty() ? null : Map.of("functionCallingConfig", config);
	}

}
