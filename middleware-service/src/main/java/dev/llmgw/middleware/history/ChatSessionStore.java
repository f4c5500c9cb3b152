package dev.llmgw.middleware.history;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.llmgw.middleware.error.BedrockError;
import dev.llmgw.storage.Database;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * {@code chat_sessions}, in the original's layout: one row per session, its messages a
 * JSON array in {@code chat_history}. A write locks its row for the length of one short
 * transaction, so two turns of one session written at once both land, one after the
 * other.
 */
final class ChatSessionStore {

	private static final String COLUMNS = "session_id, api_key_hash, user_id, chat_history, version";

	private final Database database;

	private final JsonMapper mapper;

	private final HistoryEvents events;

	ChatSessionStore(Database database, JsonMapper mapper) {
		this(database, mapper, HistoryEvents.NONE);
	}

	/**
	 * @param events told of each read and write (the metrics)
	 */
	ChatSessionStore(Database database, JsonMapper mapper, HistoryEvents events) {
		this.database = database;
		this.mapper = mapper;
		this.events = events;
	}

	Mono<StoredSession> find(String sessionId) {
		return this.database
			.one((client) -> client.sql("SELECT " + COLUMNS + " FROM chat_sessions WHERE session_id = :id")
				.bind("id", sessionId)
				.map(this::session)
				.one())
			.doOnSuccess((found) -> this.events
				.read((found != null) ? HistoryEvents.Outcome.OK : HistoryEvents.Outcome.NOT_FOUND))
			.doOnError((failure) -> this.events.read(HistoryEvents.Outcome.ERROR));
	}

	/**
	 * Changes a session's messages, creating the session for {@code caller} when it does
	 * not exist yet.
	 * @param sessionId the session
	 * @param caller who writes; must own the session if it exists
	 * @param change the new messages from the stored ones (none for a new session)
	 * @return done when written
	 */
	Mono<Void> write(String sessionId, Caller caller, UnaryOperator<List<JsonNode>> change) {
		return this.database.inTransaction(
				(client) -> client.sql("SELECT " + COLUMNS + " FROM chat_sessions WHERE session_id = :id FOR UPDATE")
					.bind("id", sessionId)
					.map(this::session)
					.one()
					.flatMap((stored) -> {
						if (!caller.owns(stored)) {
							return Mono.error(ChatHistory.notYours());
						}
						String history = json(change.apply(new ArrayList<>(stored.messages())));
						return client
							.sql("UPDATE chat_sessions SET chat_history = :history, version = version + 1,"
									+ " updated_at = CURRENT_TIMESTAMP WHERE session_id = :id")
							.bind("history", history)
							.bind("id", sessionId)
							.fetch()
							.rowsUpdated();
					})
					.switchIfEmpty(Mono.defer(() -> {
						String history = json(change.apply(new ArrayList<>()));
						GenericExecuteSpec insert = client
							.sql("INSERT INTO chat_sessions (session_id, api_key_hash, user_id, chat_history, version,"
									+ " created_at, updated_at) VALUES (:id, :hash, :user, :history, 1, CURRENT_TIMESTAMP,"
									+ " CURRENT_TIMESTAMP)")
							.bind("id", sessionId)
							.bind("hash", caller.keyHash())
							.bind("history", history);
						insert = bindNullable(insert, "user", caller.userId());
						return insert.fetch().rowsUpdated();
					})))
			// two first turns of one new session: the second insert fails, and its retry
			// finds the first one's row and appends to it
			.retryWhen(Retry.backoff(3, Duration.ofMillis(5))
				.filter(DataIntegrityViolationException.class::isInstance)
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()))
			.then()
			.doOnSuccess((done) -> this.events.written(HistoryEvents.Outcome.OK))
			// the owner check inside the transaction is the one refusal; the rest fails
			// in the database
			.doOnError(
					(failure) -> this.events.written((failure instanceof BedrockError refusal && refusal.status() < 500)
							? HistoryEvents.Outcome.REFUSED : HistoryEvents.Outcome.ERROR));
	}

	/**
	 * @param caller whose sessions
	 * @param limit at most this many
	 * @param offset after skipping this many
	 * @return their ids, the most recently used first
	 */
	Flux<String> sessionIds(Caller caller, int limit, long offset) {
		return this.database
			.many((client) -> bindNullable(client
				.sql("SELECT session_id FROM chat_sessions WHERE api_key_hash = :hash OR user_id = :user"
						+ " ORDER BY updated_at DESC, session_id LIMIT :limit OFFSET :offset")
				.bind("hash", caller.keyHash())
				.bind("limit", limit)
				.bind("offset", offset), "user", caller.userId()).map((row) -> row.get("session_id", String.class))
				.all())
			.doOnComplete(() -> this.events.read(HistoryEvents.Outcome.OK))
			.doOnError((failure) -> this.events.read(HistoryEvents.Outcome.ERROR));
	}

	Mono<Long> count(Caller caller) {
		return this.database.one((client) -> bindNullable(
				client.sql("SELECT COUNT(*) AS n FROM chat_sessions WHERE api_key_hash = :hash OR user_id = :user")
					.bind("hash", caller.keyHash()),
				"user", caller.userId())
			.map((row) -> row.get("n", Long.class))
			.one());
	}

	Mono<Long> delete(String sessionId) {
		return this.database
			.one((client) -> client.sql("DELETE FROM chat_sessions WHERE session_id = :id")
				.bind("id", sessionId)
				.fetch()
				.rowsUpdated())
			.doOnSuccess((deleted) -> this.events
				.written((deleted != null && deleted > 0) ? HistoryEvents.Outcome.OK : HistoryEvents.Outcome.NOT_FOUND))
			.doOnError((failure) -> this.events.written(HistoryEvents.Outcome.ERROR));
	}

	private StoredSession session(Readable row) {
		String history = row.get("chat_history", String.class);
		List<JsonNode> messages = new ArrayList<>();
		if (history != null && !history.isBlank()) {
			JsonNode parsed = this.mapper.readTree(history);
			if (!parsed.isArray()) {
				throw new BedrockError(500, "InternalServerException", "A stored chat history is not a JSON array");
			}
			parsed.forEach(messages::add);
		}
		Long version = row.get("version", Long.class);
		return new StoredSession(row.get("session_id", String.class), row.get("api_key_hash", String.class),
				row.get("user_id", String.class), messages, (history != null) ? size(history) : 0,
				(version != null) ? version : 0);
	}

	private String json(List<JsonNode> messages) {
		return this.mapper.writeValueAsString(messages);
	}

	private static int size(String history) {
		return history.getBytes(StandardCharsets.UTF_8).length;
	}

	private static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, @Nullable String value) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, String.class);
	}

}
