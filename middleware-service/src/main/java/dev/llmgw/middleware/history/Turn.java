package dev.llmgw.middleware.history;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One call of a session, between the request going out and the reply coming back.
 *
 * @param sessionId the session
 * @param caller who called
 * @param incoming the messages the call brought, stored with the reply once it succeeds
 */
public record Turn(String sessionId, Caller caller, List<JsonNode> incoming) {

}
