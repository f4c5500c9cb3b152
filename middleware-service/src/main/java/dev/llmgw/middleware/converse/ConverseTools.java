package dev.llmgw.middleware.converse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.model.bedrock.ConverseMessage;
import dev.llmgw.model.bedrock.ConverseRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tools between the two APIs: Converse's {@code toolConfig} in OpenAI's form (each
 * {@code toolSpec} a function whose parameters are its {@code inputSchema.json};
 * {@code any} is {@code required}), and an OpenAI tool call's arguments as a
 * {@code toolUse} input.
 */
public final class ConverseTools {

	private ConverseTools() {
	}

	/**
	 * Adds a Converse request's tools to an OpenAI chat request.
	 * @param mapper writes the input schemas as trees
	 * @param toolConfig the Converse {@code toolConfig}, possibly missing
	 * @param body the OpenAI chat request they join
	 */
	public static void apply(JsonMapper mapper, ConverseRequest.@Nullable ToolConfig toolConfig, ObjectNode body) {
		if (toolConfig == null || toolConfig.tools() == null || toolConfig.tools().isEmpty()) {
			return;
		}
		ArrayNode tools = body.putArray("tools");
		for (ConverseRequest.Tool tool : toolConfig.tools()) {
			ConverseRequest.ToolSpec spec = tool.toolSpec();
			if (spec == null) {
				// a cache point or another member: no tool of its own
				continue;
			}
			ObjectNode function = tools.addObject().put("type", "function").putObject("function");
			function.put("name", (spec.name() != null) ? spec.name() : "");
			if (spec.description() != null) {
				function.put("description", spec.description());
			}
			Object schema = (spec.inputSchema() != null) ? spec.inputSchema().get("json") : null;
			if (schema instanceof Map<?, ?>) {
				function.set("parameters", mapper.valueToTree(schema));
			}
			else {
				function.putObject("parameters").put("type", "object");
			}
		}
		ConverseRequest.ToolChoice choice = toolConfig.toolChoice();
		if (choice == null) {
			return;
		}
		if (choice.any() != null) {
			body.put("tool_choice", "required");
		}
		else if (choice.tool() != null) {
			Object name = choice.tool().get("name");
			body.putObject("tool_choice")
				.put("type", "function")
				.putObject("function")
				.put("name", (name != null) ? name.toString() : "");
		}
		else if (choice.auto() != null) {
			body.put("tool_choice", "auto");
		}
	}

	/**
	 * Adds OpenAI tool calls to Converse content as {@code toolUse} blocks.
	 * @param mapper parses the arguments and writes the blocks
	 * @param toolCalls an assistant message's {@code tool_calls}
	 * @param content the Converse content they join
	 */
	public static void addToolUses(JsonMapper mapper, JsonNode toolCalls, ArrayNode content) {
		for (ConverseMessage.Block block : toolUses(mapper, toolCalls)) {
			content.add(mapper.valueToTree(block));
		}
	}

	/**
	 * OpenAI tool calls as Converse {@code toolUse} blocks.
	 * @param mapper parses the arguments
	 * @param toolCalls an assistant message's {@code tool_calls}
	 * @return the blocks, in order
	 */
	public static List<ConverseMessage.Block> toolUses(JsonMapper mapper, JsonNode toolCalls) {
		List<ConverseMessage.Block> blocks = new ArrayList<>();
		for (JsonNode call : toolCalls) {
			blocks.add(ConverseMessage.Block.toolUse(new ConverseMessage.ToolUse(call.path("id").asString(""),
					call.path("function").path("name").asString(""),
					toolInput(mapper, call.path("function").path("arguments").asString("")))));
		}
		return blocks;
	}

	/**
	 * @param mapper parses the arguments
	 * @param arguments an OpenAI tool call's {@code arguments} string
	 * @return the Converse {@code toolUse.input} object
	 */
	private static JsonNode toolInput(JsonMapper mapper, String arguments) {
		if (arguments.isBlank()) {
			return mapper.createObjectNode();
		}
		try {
			return mapper.readTree(arguments);
		}
		catch (JacksonException ex) {
			// a model that wrote broken JSON: hand it over rather than lose it
			return mapper.createObjectNode().put("raw_arguments", arguments);
		}
	}

}
