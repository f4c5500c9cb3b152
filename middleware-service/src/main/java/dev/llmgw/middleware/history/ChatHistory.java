package dev.llmgw.middleware.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.ids.Ids;
import dev.llmgw.middleware.error.BedrockError;
import dev.llmgw.model.openai.ChatMessage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chat history for both interfaces: before a call, the session's stored messages go in
 * front of the call's (after the gateway has accepted the key); after a successful reply,
 * the call's messages and the reply are stored. Nothing is stored for a call that fails.
 */
public final class ChatHistory {

	/** The header that carries the session id back on both interfaces. */
	public static final String SESSION_HEADER = "X-Session-Id";

	private static final int MAX_SESSION_ID_LENGTH = 255;

	private final ChatSessionStore store;

	private final Callers callers;

	private final JsonMapper mapper;

	private final HistoryLimits limits;

	ChatHistory(ChatSessionStore store, Callers callers, JsonMapper mapper, HistoryLimits limits) {
		this.store = store;
		this.callers = callers;
		this.mapper = mapper;
		this.limits = limits;
	}

	/**
	 * Why a session id the caller sent cannot be stored, or null: longer than its column,
	 * or holding a NUL character, which PostgreSQL refuses in text (the lookup itself
	 * would fail).
	 */
	static @Nullable BedrockError invalidSessionId(String sessionId) {
		if (sessionId.length() > MAX_SESSION_ID_LENGTH) {
			return new BedrockError(400, "ValidationException",
					"session_id is longer than " + MAX_SESSION_ID_LENGTH + " characters");
		}
		if (sessionId.indexOf('\0') >= 0) {
			return new BedrockError(400, "ValidationException", "session_id cannot hold NUL characters (\\u0000)");
		}
		return null;
	}

	/**
	 * The gateway's word on a key (cached for half a minute), before the middleware does
	 * work on a caller's behalf with its own credentials, such as fetching a managed
	 * prompt: an unknown key gets its 401 before AWS is asked anything.
	 * @param key the caller's gateway key ({@link CallerKey})
	 * @return empty once the key is accepted, else the gateway's refusal
	 */
	public Mono<Void> authorize(@Nullable String key) {
		return this.callers.resolve(key, false).then();
	}

	/**
	 * Puts the session's messages in front of the request's.
	 * @param request the OpenAI chat request, changed in place
	 * @param options the call's history switches
	 * @param key the caller's gateway key ({@link CallerKey})
	 * @return the turn, to {@link #finish} when the reply is in
	 */
	public Mono<Turn> begin(ObjectNode request, HistoryOptions options, @Nullable String key) {
		String sessionId = (options.sessionId() != null) ? options.sessionId() : Ids.uuid();
		BedrockError invalid = invalidSessionId(sessionId);
		if (invalid != null) {
			return Mono.error(invalid);
		}
		List<JsonNode> incoming = new ArrayList<>();
		request.path("messages").forEach(incoming::add);
		return this.callers.resolve(key, false).flatMap((caller) -> {
			Mono<List<JsonNode>> stored = (options.sessionId() == null) ? Mono.empty()
					: this.store.find(sessionId).map((session) -> {
						if (!caller.owns(session)) {
							throw notYours();
						}
						checkLimits(sessionId, session.sizeBytes(), session.messages().size(), incoming);
						return session.messages();
					});
			stored = stored.switchIfEmpty(Mono.fromCallable(() -> {
				checkLimits(sessionId, 0, 0, incoming);
				return List.of();
			}));
			return stored.map((messages) -> {
				ArrayNode merged = this.mapper.createArrayNode();
				Conversation.merge(messages, incoming).forEach(merged::add);
				request.set("messages", merged);
				sessionOf(request, sessionId);
				return new Turn(sessionId, caller, incoming);
			});
		});
	}

	/**
	 * Names the session in the request's {@code metadata.session_id}, where the gateway's
	 * logging callbacks read it (Langfuse's session, the payload's {@code trace_id}); a
	 * session the caller named there already is left as it is.
	 */
	private static void sessionOf(ObjectNode request, String sessionId) {
		ObjectNode metadata = (request.get("metadata") instanceof ObjectNode given) ? given
				: request.putObject("metadata");
		if (!metadata.path("session_id").isString()) {
			metadata.put("session_id", sessionId);
		}
	}

	/**
	 * Stores the turn's messages and the reply. Concurrent turns of one session are
	 * stored one after the other, each on top of the other's.
	 * @param turn the turn
	 * @param reply the assistant message
	 * @return done when stored
	 */
	public Mono<Void> finish(Turn turn, JsonNode reply) {
		List<JsonNode> added = new ArrayList<>(turn.incoming().size() + 1);
		added.addAll(turn.incoming());
		added.add(storable(reply));
		return this.store.write(turn.sessionId(), turn.caller(), (stored) -> Conversation.merge(stored, added));
	}

	/**
	 * @param completion a non-streamed chat completion
	 * @return its first choice's message, or null when it has none
	 */
	public static @Nullable JsonNode replyOf(JsonNode completion) {
		JsonNode message = completion.path("choices").path(0).path("message");
		return message.isObject() ? message : null;
	}

	/** Only what a next call should send back: the role, the text and the tool calls. */
	private JsonNode storable(JsonNode reply) {
		JsonNode content = reply.path("content");
		Map<String, @Nullable Object> extra = new LinkedHashMap<>(2);
		if (reply.path("tool_calls").isArray() && !reply.path("tool_calls").isEmpty()) {
			// as the gateway sent them, fields this service does not model included
			extra.put("tool_calls", reply.path("tool_calls"));
		}
		return this.mapper.valueToTree(new ChatMessage("assistant",
				(content.isMissingNode() || content.isNull()) ? null : content, null, extra));
	}

	private void checkLimits(String sessionId, int storedBytes, int storedMessages, List<JsonNode> incoming) {
		int bytes = storedBytes + this.mapper.writeValueAsBytes(incoming).length;
		if (bytes > this.limits.maxBytes()) {
			throw new BedrockError(400, "ValidationException",
					"Session " + sessionId + " would hold " + bytes + " bytes of history, over the limit of "
							+ this.limits.maxBytes() + " (CHAT_HISTORY_MAX_BYTES): start a new session");
		}
		// the reply will be one more
		int messages = storedMessages + incoming.size() + 1;
		if (messages > this.limits.maxMessages()) {
			throw new BedrockError(400, "ValidationException",
					"Session " + sessionId + " would hold " + messages + " messages, over the limit of "
							+ this.limits.maxMessages() + " (CHAT_HISTORY_MAX_MESSAGES): start a new session");
		}
	}

	static BedrockError notYours() {
		return new BedrockError(401, "AccessDeniedException", "This session belongs to another key");
	}

}
