package dev.llmgw.middleware.history;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * How a session's stored messages and a call's messages make one conversation: the system
 * prompt once, at the front (the call's own if it has one, else the stored one), then the
 * stored turns, then the call's. The original dropped the system prompt on the Bedrock
 * path and repeated it on every OpenAI turn.
 */
final class Conversation {

	private Conversation() {
	}

	static List<JsonNode> merge(List<JsonNode> stored, List<JsonNode> incoming) {
		List<JsonNode> system = new ArrayList<>(2);
		incoming.stream().filter(Conversation::isSystem).forEach(system::add);
		if (system.isEmpty()) {
			stored.stream().filter(Conversation::isSystem).forEach(system::add);
		}
		List<JsonNode> merged = new ArrayList<>(stored.size() + incoming.size());
		merged.addAll(system);
		stored.stream().filter((message) -> !isSystem(message)).forEach(merged::add);
		incoming.stream().filter((message) -> !isSystem(message)).forEach(merged::add);
		return merged;
	}

	static boolean isSystem(JsonNode message) {
		String role = message.path("role").asString("");
		return "system".equals(role) || "developer".equals(role);
	}

}
