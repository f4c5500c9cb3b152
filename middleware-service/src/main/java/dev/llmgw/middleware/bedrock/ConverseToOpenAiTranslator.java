package dev.llmgw.middleware.bedrock;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.middleware.converse.ConverseTools;
import dev.llmgw.model.bedrock.ConverseMessage;
import dev.llmgw.model.bedrock.ConverseRequest;
import org.jspecify.annotations.Nullable;
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

	ObjectNode translate(ConverseRequest converse, String modelId, boolean stream) {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("model", modelId);
		ArrayNode messages = body.putArray("messages");
		String system = texts(converse.system(), "\n");
		if (!system.isEmpty()) {
			messages.addObject().put("role", "system").put("content", system);
		}
		for (ConverseMessage message : (converse.messages() != null) ? converse.messages()
				: List.<ConverseMessage>of()) {
			if ("assistant".equals(message.role())) {
				assistant(message.blocks(), messages);
			}
			else {
				user(message.blocks(), messages);
			}
		}
		inference(converse.inferenceConfig(), body);
		ConverseTools.apply(this.mapper, converse.toolConfig(), body);
		if (converse.additionalModelRequestFields() != null) {
			converse.additionalModelRequestFields().forEach((name, value) -> {
				if (!MIDDLEWARE_FIELDS.contains(name)) {
					body.set(name, this.mapper.valueToTree(value));
				}
			});
		}
		// the gateway runs its guardrail with this identifier, or refuses the call by
		// name
		if (converse.guardrailConfig() != null) {
			body.set("guardrailConfig", this.mapper.valueToTree(converse.guardrailConfig()));
		}
		if (stream) {
			body.put("stream", true);
			body.putObject("stream_options").put("include_usage", true);
		}
		return body;
	}

	private void user(List<ConverseMessage.Block> content, ArrayNode messages) {
		ArrayNode parts = this.mapper.createArrayNode();
		for (ConverseMessage.Block block : content) {
			if (block.text() != null) {
				parts.addObject().put("type", "text").put("text", block.text());
			}
			else if (block.image() != null) {
				ConverseMessage.Image image = block.image();
				String format = (image.format() != null) ? image.format() : "png";
				String bytes = (image.source() != null && image.source().bytes() != null) ? image.source().bytes() : "";
				parts.addObject()
					.put("type", "image_url")
					.putObject("image_url")
					.put("url", "data:image/" + format + ";base64," + bytes);
			}
			else if (block.toolResult() != null) {
				ConverseMessage.ToolResult result = block.toolResult();
				messages.addObject()
					.put("role", "tool")
					.put("tool_call_id", (result.toolUseId() != null) ? result.toolUseId() : "")
					.put("content", toolResultText(result.content()));
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

	private void assistant(List<ConverseMessage.Block> content, ArrayNode messages) {
		StringBuilder text = new StringBuilder();
		ArrayNode calls = this.mapper.createArrayNode();
		for (ConverseMessage.Block block : content) {
			if (block.text() != null) {
				text.append(block.text());
			}
			else if (block.toolUse() != null) {
				ConverseMessage.ToolUse use = block.toolUse();
				ObjectNode call = calls.addObject()
					.put("id", (use.toolUseId() != null) ? use.toolUseId() : "")
					.put("type", "function");
				call.putObject("function")
					.put("name", (use.name() != null) ? use.name() : "")
					.put("arguments", this.mapper.writeValueAsString((use.input() != null) ? use.input() : Map.of()));
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

	private String toolResultText(@Nullable List<ConverseMessage.ToolResultContent> content) {
		StringBuilder text = new StringBuilder();
		for (ConverseMessage.ToolResultContent block : (content != null) ? content
				: List.<ConverseMessage.ToolResultContent>of()) {
			if (block.text() != null) {
				text.append(block.text());
			}
			else if (block.json() != null) {
				text.append(this.mapper.writeValueAsString(block.json()));
			}
		}
		return text.toString();
	}

	private static void inference(ConverseRequest.@Nullable InferenceConfig config, ObjectNode body) {
		if (config == null) {
			return;
		}
		if (config.maxTokens() != null) {
			body.put("max_tokens", config.maxTokens());
		}
		if (config.temperature() != null) {
			body.put("temperature", config.temperature());
		}
		if (config.topP() != null) {
			body.put("top_p", config.topP());
		}
		if (config.stopSequences() != null && !config.stopSequences().isEmpty()) {
			ArrayNode stop = body.putArray("stop");
			config.stopSequences().forEach(stop::add);
		}
	}

	static String texts(@Nullable List<ConverseMessage.Block> blocks, String separator) {
		StringBuilder text = new StringBuilder();
		for (ConverseMessage.Block block : (blocks != null) ? blocks : List.<ConverseMessage.Block>of()) {
			if (block.text() != null) {
				if (!text.isEmpty()) {
					text.append(separator);
				}
				text.append(block.text());
			}
		}
		return text.toString();
	}

}
