package dev.llmgw.gateway.providers.anthropic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.ResponseFormatTool;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatTool;
import dev.llmgw.model.openai.FunctionDefinition;
import dev.llmgw.model.openai.ToolChoice;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI tools and tool choice in Anthropic's form
 * (https://docs.anthropic.com/en/docs/build-with-claude/tool-use): functions become tools
 * with an {@code input_schema}; {@code required} is {@code any}; a JSON-schema
 * {@code response_format} becomes a forced tool whose input is the answer, as LiteLLM
 * does, since the API has no structured output switch. Tools of Anthropic's own types
 * pass as written.
 */
final class AnthropicTools {

	private AnthropicTools() {
	}

	static void apply(ChatCompletionRequest request, Map<String, Object> body) {
		List<Map<String, Object>> tools = new ArrayList<>();
		if (request.tools() != null) {
			for (ChatTool given : request.tools()) {
				FunctionDefinition function = given.function();
				if (given.isFunction() && function != null) {
					tools.add(tool(function.name(), function.description(), function.parameters(),
							given.extra().get("cache_control")));
				}
				else {
					// Anthropic's own tool types (web search, bash, text editor, tool
					// search...) are written in its form already, as LiteLLM passes them
					Map<String, Object> hosted = new LinkedHashMap<>();
					hosted.put("type", given.type());
					hosted.putAll(given.extra());
					tools.add(hosted);
				}
			}
		}
		Map<String, Object> choice = choice(request.toolChoice());
		Object schema = (request.responseFormat() != null) ? request.responseFormat().schema() : null;
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

	private static @Nullable Map<String, Object> choice(@Nullable ToolChoice choice) {
		if (choice == null) {
			return null;
		}
		if (choice.isFunction()) {
			return Map.of("type", "tool", "name", choice.functionName());
		}
		if (choice.is(ToolChoice.REQUIRED)) {
			return Map.of("type", "any");
		}
		if (choice.is(ToolChoice.AUTO)) {
			return Map.of("type", "auto");
		}
		if (choice.is(ToolChoice.NONE)) {
			return Map.of("type", "none");
		}
		throw new BadRequestError(
				"anthropic takes tool_choice none, auto, required or a function, not " + choice.type(), null,
				"tool_choice");
	}

}
