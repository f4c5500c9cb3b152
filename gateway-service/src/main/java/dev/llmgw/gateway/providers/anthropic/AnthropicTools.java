package dev.llmgw.gateway.providers.anthropic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.ResponseFormatTool;
import dev.llmgw.model.anthropic.MessagesTool;
import dev.llmgw.model.anthropic.MessagesToolChoice;
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
 *
 * @param tools the tools, or null for none
 * @param choice the choice, or null to leave it to the model
 */
record AnthropicTools(@Nullable List<MessagesTool> tools, @Nullable MessagesToolChoice choice) {

	static AnthropicTools of(ChatCompletionRequest request) {
		List<MessagesTool> tools = new ArrayList<>();
		if (request.tools() != null) {
			for (ChatTool given : request.tools()) {
				FunctionDefinition function = given.function();
				if (given.isFunction() && function != null) {
					tools.add(MessagesTool.client(function.name(), function.description(),
							schema(function.parameters()), given.extra().get("cache_control")));
				}
				else {
					// Anthropic's own tool types (web search, bash, text editor, tool
					// search...) are written in its form already, as LiteLLM passes them
					tools.add(
							new MessagesTool(given.type(), null, null, null, null, new LinkedHashMap<>(given.extra())));
				}
			}
		}
		MessagesToolChoice choice = choice(request.toolChoice());
		Map<String, @Nullable Object> schema = (request.responseFormat() != null) ? request.responseFormat().schema()
				: null;
		if (schema != null) {
			tools.add(MessagesTool.client(ResponseFormatTool.NAME, ResponseFormatTool.DESCRIPTION, schema, null));
			choice = MessagesToolChoice.of("tool", ResponseFormatTool.NAME);
		}
		if (tools.isEmpty()) {
			return new AnthropicTools(null, null);
		}
		if (Boolean.FALSE.equals(request.extra().get("parallel_tool_calls"))) {
			choice = ((choice != null) ? choice : MessagesToolChoice.of("auto", null)).withoutParallelToolUse();
		}
		return new AnthropicTools(tools, choice);
	}

	private static Map<String, @Nullable Object> schema(@Nullable Map<String, @Nullable Object> parameters) {
		if (parameters != null) {
			return parameters;
		}
		Map<String, @Nullable Object> empty = new LinkedHashMap<>();
		empty.put("type", "object");
		empty.put("properties", Map.of());
		return empty;
	}

	private static @Nullable MessagesToolChoice choice(@Nullable ToolChoice choice) {
		if (choice == null) {
			return null;
		}
		if (choice.isFunction()) {
			return MessagesToolChoice.of("tool", choice.functionName());
		}
		if (choice.requiresATool()) {
			return MessagesToolChoice.of("any", null);
		}
		if (choice.is(ToolChoice.AUTO)) {
			return MessagesToolChoice.of("auto", null);
		}
		if (choice.is(ToolChoice.NONE)) {
			return MessagesToolChoice.of("none", null);
		}
		throw new BadRequestError(
				"anthropic takes tool_choice none, auto, required or a function, not " + choice.json(), null,
				"tool_choice");
	}

}
