package dev.llmgw.gateway.providers.anthropic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.ResponseFormatTool;
import dev.llmgw.model.openai.ChatCompletionRequest;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI tools and tool choice in Anthropic's form
 * (https://docs.anthropic.com/en/docs/build-with-claude/tool-use): functions become tools
 * with an {@code input_schema}; {@code required} is {@code any}; a JSON-schema
 * {@code response_format} becomes a forced tool whose input is the answer, as LiteLLM
 * does, since the API has no structured output switch.
 */
final class AnthropicTools {

	private AnthropicTools() {
	}

	static void apply(ChatCompletionRequest request, Map<String, Object> body) {
		List<Map<String, Object>> tools = new ArrayList<>();
		if (request.extra().get("tools") instanceof List<?> given) {
			for (Object tool : given) {
				if (tool instanceof Map<?, ?> map && map.get("function") instanceof Map<?, ?> function) {
					tools.add(tool(function.get("name"), function.get("description"), function.get("parameters"),
							map.get("cache_control")));
				}
			}
		}
		Map<String, Object> choice = choice(request.extra().get("tool_choice"));
		Object schema = ResponseFormatTool.schema(request.extra().get("response_format"));
		if (schema != null) {
			tools.add(tool(ResponseFormatTool.NAME, ResponseFormatTool.DESCRIPTION, schema, null));
			choice = Map.of("type", "tool", "name", ResponseFormatTool.NAME);
		}
		if (tools.isEmpty()) {
			return;
		}
		body.put("tools", tools);
		if (Boolean.FALSE.equals(request.extra().get("parallel_tool_calls"))) {
			choice = new LinkedHashMap<>((choice != null) ? choice : Map.of("type", "auto"));
			choice.put("disable_parallel_tool_use", true);
		}
		if (choice != null) {
			body.put("tool_choice", choice);
		}
	}

	private static Map<String, Object> tool(@Nullable Object name, @Nullable Object description,
			@Nullable Object parameters, @Nullable Object cacheControl) {
		Map<String, Object> tool = new LinkedHashMap<>();
		tool.put("name", String.valueOf(name));
		if (description != null) {
			tool.put("description", description);
		}
		tool.put("input_schema", (parameters != null) ? parameters : Map.of("type", "object", "properties", Map.of()));
		if (cacheControl != null) {
			tool.put("cache_control", cacheControl);
		}
		return tool;
	}

	private static @Nullable Map<String, Object> choice(@Nullable Object choice) {
		if ("required".equals(choice)) {
			return Map.of("type", "any");
		}
		if ("auto".equals(choice)) {
			return Map.of("type", "auto");
		}
		if ("none".equals(choice)) {
			return Map.of("type", "none");
		}
		if (choice instanceof Map<?, ?> map && map.get("function") instanceof Map<?, ?> function) {
			return Map.of("type", "tool", "name", String.valueOf(function.get("name")));
		}
		return null;
	}

}
