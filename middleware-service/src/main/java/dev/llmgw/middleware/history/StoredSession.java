package dev.llmgw.middleware.history;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A row of {@code chat_sessions}.
 *
 * @param sessionId its id
 * @param apiKeyHash SHA-256 hex of the key that created it
 * @param userId the user that key belonged to, if any
 * @param messages its OpenAI messages, system messages first
 * @param sizeBytes the stored JSON's size
 * @param version bumped by every write
 */
record StoredSession(String sessionId, String apiKeyHash, @Nullable String userId, List<JsonNode> messages,
		int sizeBytes, long version) {

}
