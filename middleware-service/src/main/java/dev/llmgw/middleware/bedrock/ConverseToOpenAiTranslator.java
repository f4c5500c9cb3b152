package dev.llmgw.middleware.bedrock;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import dev.llmgw.middleware.converse.ConverseTools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Converse request to the gateway's OpenAI chat request (shared/spec/middleware.md,
 * "Converse -> OpenAI"): system blocks become one system message, images become data-URL
 * parts, tool uses become tool calls and tool results tool messages, the inference
 * configuration becomes OpenAI's parameters, and additional model fields other than the
 * history switches are merged into the body.
 */
final class ConverseToOpenAiTranslator {

	/** Fields the middleware itself reads; they never reach the model. */
	static final Set<String> MIDDLEWARE_FIELDS = Set.of("session_id", "enable_history");

	private final JsonMapper mapper;

	ConverseToOpenAiTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ObjectNode translate(JsonNode converse, String modelId, boolean stream) {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("model", modelId);
		ArrayNode messages = body.putArray("messages");
		String system = texts(converse.path("system"), "\n");
		if (!system.isEmpty()) {
			messages.addObject().put("role", "system").put("content", system);
		}
		for (JsonNode message : converse.path("messages")) {
			if ("assistant".equals(message.path("role").asString(""))) {
				assistant(message.path("content"), messages);
			}
			else {
				user(message.path("content"), messages);
			}
		}
		inference(converse.path("inferenceConfig"), body);
		ConverseTools.apply(converse.path("toolConfig"), body);
		JsonNode additional = converse.path("additionalModelRequestFields");
		if (additional.isObject()) {
			for (Map.Entry<String, JsonNode> field : additional.properties()) {
				if (!MIDDLEWARE_FIELDS.contains(field.getKey())) {
					body.set(field.getKey(), field.getValue());
				}
			}
		}
		// the gateway runs its guardrail with this identifier, or refuses the call by
		// name
		if (converse.path("guardrailConfig").isObject()) {
			body.set("guardrailConfig", converse.get("guardrailConfig"));
		}
		if (stream) {
			body.put("stream", true);
			body.putObject("stream_options").put("include_usage", true);
		}
		return body;
	}

	private void user(JsonNode content, ArrayNode messages) {
		ArrayNode parts = this.mapper.createArrayNode();
		for (JsonNode block : content) {
			if (block.has("text")) {
				parts.addObject().put("type", "text").put("text", block.path("text").asString(""));
			}
			else if (block.has("image")) {
				JsonNode image = block.path("image");
				String url = "data:image/" + image.path("format").asString("png") + ";base64,"
						+ image.path("source").path("bytes").asString("");
				parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
			}
			else if (block.has("toolResult")) {
				JsonNode result = block.path("toolResult");
				messages.addObject()
					.put("role", "tool")
					.put("tool_call_id", result.path("toolUseId").asString(""))
					.put("content", toolResultText(result.path("content")));
			}
		}
		if (parts.isEmpty()) {
			return;
		}
		ObjectNode message = messages.addObject().put("role", "user");
		if (parts.size() == 1 && parts.get(0).has("text")) {
			message.put("content", parts.get(0).path("text").asString(""));
		}
		else {
			message.set("content", parts);
		}
	}

	private void assistant(JsonNode content, ArrayNode messages) {
		StringBuilder text = new StringBuilder();
		ArrayNode calls = this.mapper.createArrayNode();
		for (JsonNode block : content) {
			if (block.has("text")) {
				text.append(block.path("text").asString(""));
			}
			else if (block.has("toolUse")) {
				JsonNode use = block.path("toolUse");
				ObjectNode call = calls.addObject()
					.put("id", use.path("toolUseId").asString(""))
					.put("type", "function");
				call.putObject("function")
					.put("name", use.path("name").asString(""))
					.put("arguments", this.mapper.writeValueAsString(use.path("input")));
			}
		}
		ObjectNode message = messages.addObject().put("role", "assistant");
		if (text.isEmpty() && !calls.isEmpty()) {
			message.putNull("content");
		}
		else {
			message.put("content", text.toString());
		}
		if (!calls.isEmpty()) {
			message.set("tool_calls", calls);
		}
	}

	private String toolResultText(JsonNode content) {
		StringBuilder text = new StringBuilder();
		for (JsonNode block : content) {
			if (block.has("text")) {
				text.append(block.path("text").asString(""));
			}
			else if (block.has("json")) {
				text.append(this.mapper.writeValueAsString(block.path("json")));
			}
		}
		return text.toString();
	}

	private static void inference(JsonNode config, ObjectNode body) {
		if (config.has("maxTokens")) {
			body.put("max_tokens", config.path("maxTokens").asInt());
		}
		if (config.has("temperature")) {
			body.put("temperature", config.path("temperature").asDouble());
		}
		if (config.has("topP")) {
			body.put("top_p", config.path("topP").asDouble());
		}
		if (config.path("stopSequences").isArray() && !config.path("stopSequences").isEmpty()) {
			body.set("stop", config.path("stopSequences"));
		}
	}

	static String texts(JsonNode blocks, String separator) {
		StringBuilder text = new StringBuilder();
		Iterator<JsonNode> items = blocks.iterator();
		while (items.hasNext()) {
			JsonNode block = items.next();
			if (block.has("text")) {
				if (!text.isEmpty()) {
					text.append(separator);
				}
				text.append(block.path("text").asString(""));
			}
		}
		return text.toString();
	}

}
