package dev.llmgw.middleware.converse;

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
	 * @param toolConfig the Converse {@code toolConfig}, possibly missing
	 * @param body the OpenAI chat request they join
	 */
	public static void apply(JsonNode toolConfig, ObjectNode body) {
		if (!toolConfig.path("tools").isArray() || toolConfig.path("tools").isEmpty()) {
			return;
		}
		ArrayNode tools = body.putArray("tools");
		for (JsonNode tool : toolConfig.path("tools")) {
			JsonNode spec = tool.path("toolSpec");
			ObjectNode function = tools.addObject().put("type", "function").putObject("function");
			function.put("name", spec.path("name").asString(""));
			if (spec.has("description")) {
				function.put("description", spec.path("description").asString(""));
			}
			JsonNode schema = spec.path("inputSchema").path("json");
			if (schema.isObject()) {
				function.set("parameters", schema);
			}
			else {
				function.putObject("parameters").put("type", "object");
			}
		}
		JsonNode choice = toolConfig.path("toolChoice");
		if (choice.has("any")) {
			body.put("tool_choice", "required");
		}
		else if (choice.has("tool")) {
			body.putObject("tool_choice")
				.put("type", "function")
				.putObject("function")
				.put("name", choice.path("tool").path("name").asString(""));
		}
		else if (choice.has("auto")) {
			body.put("tool_choice", "auto");
		}
	}

	/**
	 * Adds OpenAI tool calls to Converse content as {@code toolUse} blocks.
	 * @param mapper parses the arguments
	 * @param toolCalls an assistant message's {@code tool_calls}
	 * @param content the Converse content they join
	 */
	public static void addToolUses(JsonMapper mapper, JsonNode toolCalls, ArrayNode content) {
		for (JsonNode call : toolCalls) {
			ObjectNode use = content.addObject().putObject("toolUse");
			use.put("toolUseId", call.path("id").asString(""));
			use.put("name", call.path("function").path("name").asString(""));
			use.set("input", toolInput(mapper, call.path("function").path("arguments").asString("")));
		}
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
