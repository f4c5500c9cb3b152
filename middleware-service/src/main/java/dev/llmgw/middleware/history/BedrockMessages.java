package dev.llmgw.middleware.history;

import java.util.List;

import dev.llmgw.middleware.converse.ConverseTools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stored OpenAI messages in the Converse API's shape, for {@code /bedrock/chat-history}:
 * system messages become {@code system} blocks, text and data-URL images become content
 * blocks, tool calls {@code toolUse} blocks and tool messages {@code toolResult} blocks
 * of a user message, as the Converse interface sent them in.
 */
final class BedrockMessages {

	private final JsonMapper mapper;

	BedrockMessages(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ObjectNode of(List<JsonNode> messages) {
		ObjectNode body = this.mapper.createObjectNode();
		ArrayNode converse = body.putArray("messages");
		ArrayNode system = this.mapper.createArrayNode();
		ObjectNode last = null;
		for (JsonNode message : messages) {
			if (Conversation.isSystem(message)) {
				String text = text(message.path("content"));
				if (!text.isEmpty()) {
					system.addObject().put("text", text);
				}
				continue;
			}
			String role = "assistant".equals(message.path("role").asString("")) ? "assistant" : "user";
			// Converse alternates roles: consecutive messages of one role (tool results
			// and
			// the user's next words, say) go into one message
			ObjectNode target = (last != null && role.equals(last.path("role").asString(""))) ? last : null;
			if (target == null) {
				target = converse.addObject().put("role", role);
				target.putArray("content");
				last = target;
			}
			blocks(message, (ArrayNode) target.path("content"));
		}
		body.set("system", system);
		return body;
	}

	private void blocks(JsonNode message, ArrayNode content) {
		String role = message.path("role").asString("");
		if ("tool".equals(role)) {
			ObjectNode result = content.addObject().putObject("toolResult");
			result.put("toolUseId", message.path("tool_call_id").asString(""));
			result.putArray("content").addObject().put("text", text(message.path("content")));
			return;
		}
		JsonNode body = message.path("content");
		if (body.isString()) {
			if (!body.asString().isEmpty()) {
				content.addObject().put("text", body.asString());
			}
		}
		else {
			for (JsonNode part : body) {
				String type = part.path("type").asString("");
				if ("text".equals(type)) {
					content.addObject().put("text", part.path("text").asString(""));
				}
				else if ("image_url".equals(type)) {
					image(part.path("image_url").path("url").asString(""), content);
				}
			}
		}
		ConverseTools.addToolUses(this.mapper, message.path("tool_calls"), content);
	}

	private void image(String url, ArrayNode content) {
		int comma = url.indexOf(',');
		if (!url.startsWith("data:image/") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
			return;
		}
		String format = url.substring("data:image/".length(), url.indexOf(';'));
		ObjectNode image = content.addObject().putObject("image").put("format", format);
		image.putObject("source").put("bytes", url.substring(comma + 1));
	}

	private static String text(JsonNode content) {
		if (content.isString()) {
			return content.asString();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			if ("text".equals(part.path("type").asString(""))) {
				text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asString(""));
			}
		}
		return text.toString();
	}

}
