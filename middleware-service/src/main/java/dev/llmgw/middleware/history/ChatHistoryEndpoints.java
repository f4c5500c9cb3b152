package dev.llmgw.middleware.history;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.middleware.error.BedrockError;
import dev.llmgw.middleware.error.BedrockErrorHandler;
import dev.llmgw.middleware.error.MalformedJson;
import dev.llmgw.middleware.error.OpenAiErrorBody;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /chat-history} (OpenAI messages), {@code /bedrock/chat-history} (Converse
 * messages) and {@code /session-ids}: a session's messages, its deletion and the caller's
 * sessions, for the key or user that owns them only. The gateway is asked about the key
 * each time, so a key revoked a second ago reads nothing. Errors come in the route's own
 * protocol: OpenAI's error body, or Bedrock's on {@code /bedrock/}.
 */
final class ChatHistoryEndpoints {

	private static final int DEFAULT_PAGE_SIZE = 100;

	private static final int MAX_PAGE_SIZE = 1000;

	private final ChatSessionStore store;

	private final Callers callers;

	private final JsonMapper mapper;

	private final BedrockMessages bedrock;

	ChatHistoryEndpoints(ChatSessionStore store, Callers callers, JsonMapper mapper) {
		this.store = store;
		this.callers = callers;
		this.mapper = mapper;
		this.bedrock = new BedrockMessages(mapper);
	}

	Mono<ServerResponse> openAiHistory(ServerRequest request) {
		return openAi(owned(request)
			.flatMap((session) -> json(Map.of("session_id", session.sessionId(), "messages", session.messages()))));
	}

	/**
	 * Bedrock's errors come from the Bedrock error handler, as on every /bedrock/ route.
	 */
	Mono<ServerResponse> bedrockHistory(ServerRequest request) {
		return owned(request).flatMap((session) -> {
			ObjectNode body = this.bedrock.of(session.messages());
			body.put("session_id", session.sessionId());
			return json(body);
		});
	}

	Mono<ServerResponse> openAiDelete(ServerRequest request) {
		return openAi(delete(request));
	}

	Mono<ServerResponse> bedrockDelete(ServerRequest request) {
		return delete(request);
	}

	Mono<ServerResponse> sessionIds(ServerRequest request) {
		return openAi(fields(request).flatMap((fields) -> {
			int page = Math.max(1, number(request, fields, "page", 1));
			int size = Math.min(MAX_PAGE_SIZE, Math.max(1, number(request, fields, "page_size", DEFAULT_PAGE_SIZE)));
			return caller(request).flatMap((caller) -> this.store.count(caller)
				.zipWith(this.store.sessionIds(caller, size, (long) (page - 1) * size).collectList())
				.flatMap((found) -> {
					Map<String, Object> body = new LinkedHashMap<>();
					body.put("session_ids", found.getT2());
					body.put("page", page);
					body.put("page_size", size);
					body.put("total", found.getT1());
					return json(body);
				}));
		}));
	}

	private Mono<ServerResponse> delete(ServerRequest request) {
		return owned(request).flatMap((session) -> this.store.delete(session.sessionId())
			.then(json(Map.of("session_id", session.sessionId(), "deleted", true))));
	}

	/** The session the request names, if the caller owns it. */
	private Mono<StoredSession> owned(ServerRequest request) {
		return fields(request).flatMap((fields) -> {
			String sessionId = text(request, fields, HistoryOptions.SESSION_ID);
			if (sessionId == null) {
				return Mono.error(new BedrockError(400, "ValidationException",
						"Name the session: {\"session_id\": \"...\"} (or ?session_id=...)"));
			}
			BedrockError invalid = ChatHistory.invalidSessionId(sessionId);
			if (invalid != null) {
				return Mono.error(invalid);
			}
			return caller(request).flatMap((caller) -> this.store.find(sessionId)
				.switchIfEmpty(Mono.error(() -> new BedrockError(404, "ResourceNotFoundException",
						"Session " + sessionId + " not found")))
				.map((session) -> {
					if (!caller.owns(session)) {
						throw ChatHistory.notYours();
					}
					return session;
				}));
		});
	}

	private Mono<Caller> caller(ServerRequest request) {
		return this.callers.resolve(CallerKey.of(request.headers().asHttpHeaders()), true);
	}

	/** The JSON body's fields; none for an empty body. */
	private Mono<JsonNode> fields(ServerRequest request) {
		return request.bodyToMono(byte[].class).map((bytes) -> {
			try {
				return this.mapper.readTree(bytes);
			}
			catch (JacksonException ex) {
				throw MalformedJson.of(ex);
			}
		}).defaultIfEmpty(MissingNode.getInstance());
	}

	private static @Nullable String text(ServerRequest request, JsonNode fields, String name) {
		String value = request.queryParam(name).orElse(fields.path(name).asString(null));
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static int number(ServerRequest request, JsonNode fields, String name, int fallback) {
		String value = request.queryParam(name).orElse(null);
		if (value == null) {
			return fields.path(name).asInt(fallback);
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new BedrockError(400, "ValidationException", name + " must be a whole number, got " + value);
		}
	}

	private Mono<ServerResponse> json(Object body) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.mapper.writeValueAsBytes(body));
	}

	private Mono<ServerResponse> openAi(Mono<ServerResponse> response) {
		return response.onErrorResume((failure) -> {
			BedrockError error = BedrockErrorHandler.classify(failure);
			return ServerResponse.status(error.status())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(this.mapper.writeValueAsBytes(OpenAiErrorBody.of(error)));
		});
	}

}
