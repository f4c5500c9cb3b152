package dev.llmgw.middleware.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.llmgw.storage.DatabaseConnector;
import dev.llmgw.storage.DatabaseSettings;
import dev.llmgw.storage.Migrations;
import dev.llmgw.storage.TestPostgres;
import io.r2dbc.pool.ConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sessions table on a real PostgreSQL: a database the original middleware wrote to is
 * migrated in place and its sessions stay readable by their keys, a database the gateway
 * already uses takes the table beside its own, and writes from two instances at once to
 * one session all land.
 */
class ChatSessionStoreTests {

	private static final Migrations MIGRATIONS = new Migrations("classpath:db/middleware/{vendor}",
			"middleware_schema_history");

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void theOriginalsSessionsAreMigratedAndStayTheirKeysOwn() throws Exception {
		DatabaseSettings settings = DatabaseSettings.parse(TestPostgres.newDatabase());
		String keyHash = Callers.sha256("sk-original-user-key");
		execute(settings, """
				CREATE TABLE chat_sessions (session_id VARCHAR PRIMARY KEY, api_key_hash VARCHAR,
				  chat_history JSON, created_at VARCHAR, updated_at VARCHAR)""",
				"CREATE INDEX ix_chat_sessions_api_key_hash ON chat_sessions (api_key_hash)",
				"INSERT INTO chat_sessions VALUES ('old-session', '" + keyHash + "', "
						+ "'[{\"role\": \"user\", \"content\": \"from before\"}, "
						+ "{\"role\": \"assistant\", \"content\": \"remembered\"}]', "
						+ "'2025-06-01T10:00:00', '2025-06-01T10:05:00')",
				"INSERT INTO chat_sessions VALUES ('empty-session', '" + keyHash + "', NULL, '', NULL)");
		ConnectionPool pool = DatabaseConnector.migrateAndConnect(settings, MIGRATIONS, 4);
		try {
			ChatSessionStore store = new ChatSessionStore(DatabaseConnector.database(pool, settings), this.mapper);
			StoredSession old = store.find("old-session").block(Duration.ofSeconds(10));
			assertThat(old).isNotNull();
			assertThat(old.apiKeyHash()).isEqualTo(keyHash);
			assertThat(old.messages()).extracting((message) -> message.path("content").asString())
				.containsExactly("from before", "remembered");
			Caller owner = new Caller(keyHash, null);
			store.write("old-session", owner, (messages) -> {
				messages.add(this.mapper.createObjectNode().put("role", "user").put("content", "and now"));
				return messages;
			}).block(Duration.ofSeconds(10));
			assertThat(store.find("old-session").block(Duration.ofSeconds(10)).messages()).hasSize(3);
			assertThat(store.find("empty-session").block(Duration.ofSeconds(10)).messages()).isEmpty();
			assertThat(store.sessionIds(owner, 10, 0).collectList().block(Duration.ofSeconds(10)))
				.containsExactly("old-session", "empty-session");
		}
		finally {
			pool.dispose();
		}
		assertThat(columnType(settings, "created_at")).isEqualTo("timestamp with time zone");
		assertThat(columnType(settings, "chat_history")).isEqualTo("text");
		assertThat(columnType(settings, "version")).isEqualTo("bigint");
	}

	@Test
	void uuidSessionIdsOfTheOriginalBecomeText() throws Exception {
		DatabaseSettings settings = DatabaseSettings.parse(TestPostgres.newDatabase());
		execute(settings, """
				CREATE TABLE chat_sessions (session_id UUID PRIMARY KEY, api_key_hash VARCHAR, chat_history TEXT,
				  created_at TIMESTAMP, updated_at TIMESTAMP)""",
				"INSERT INTO chat_sessions VALUES ('8f14e45f-ceea-467f-a0e6-7c3c2ea7e0b1', 'h', '[]', now(), now())");
		ConnectionPool pool = DatabaseConnector.migrateAndConnect(settings, MIGRATIONS, 2);
		try {
			ChatSessionStore store = new ChatSessionStore(DatabaseConnector.database(pool, settings), this.mapper);
			assertThat(store.find("8f14e45f-ceea-467f-a0e6-7c3c2ea7e0b1").block(Duration.ofSeconds(10))).isNotNull();
			store.write("not-a-uuid", new Caller("h", null), (messages) -> messages).block(Duration.ofSeconds(10));
		}
		finally {
			pool.dispose();
		}
		assertThat(columnType(settings, "session_id")).isEqualTo("character varying");
	}

	@Test
	void aDatabaseTheGatewayUsesTakesTheTableBesideItsOwn() throws Exception {
		DatabaseSettings settings = DatabaseSettings.parse(TestPostgres.newDatabase());
		execute(settings, "CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50))",
				"CREATE TABLE \"LiteLLM_VerificationToken\" (token VARCHAR PRIMARY KEY)");
		DatabaseConnector.migrateAndConnect(settings, MIGRATIONS, 2).dispose();
		assertThat(columnType(settings, "session_id")).isEqualTo("character varying");
	}

	@Test
	void writesFromTwoInstancesToOneSessionAllLand() {
		DatabaseSettings settings = DatabaseSettings.parse(TestPostgres.newDatabase());
		ConnectionPool first = DatabaseConnector.migrateAndConnect(settings, MIGRATIONS, 8);
		ConnectionPool second = DatabaseConnector.migrateAndConnect(settings, MIGRATIONS, 8);
		try {
			List<ChatSessionStore> stores = List.of(
					new ChatSessionStore(DatabaseConnector.database(first, settings), this.mapper),
					new ChatSessionStore(DatabaseConnector.database(second, settings), this.mapper));
			Caller caller = new Caller(Callers.sha256("sk-concurrent"), "user-1");
			int writes = 60;
			// the session does not exist yet: the first writes race to create it
			Flux.range(0, writes)
				.parallel(16)
				.runOn(Schedulers.boundedElastic())
				.flatMap((i) -> stores.get(i % 2).write("busy", caller, (messages) -> {
					messages.add(this.mapper.createObjectNode().put("role", "user").put("content", "turn " + i));
					return messages;
				}))
				.sequential()
				.blockLast(Duration.ofSeconds(60));
			StoredSession session = stores.get(0).find("busy").block(Duration.ofSeconds(10));
			List<String> contents = new ArrayList<>();
			for (JsonNode message : session.messages()) {
				contents.add(message.path("content").asString());
			}
			assertThat(contents).hasSize(writes).doesNotHaveDuplicates();
			assertThat(session.version()).isEqualTo(writes);
		}
		finally {
			first.dispose();
			second.dispose();
		}
	}

	@Test
	void theEmbeddedDatabaseKeepsSessionsToo(@TempDir Path data) {
		DatabaseSettings settings = DatabaseSettings.embedded(data, "middleware");
		ConnectionPool pool = DatabaseConnector.migrateAndConnect(settings, MIGRATIONS,
				HistoryConfiguration.poolSize(settings, 10));
		try {
			ChatSessionStore store = new ChatSessionStore(DatabaseConnector.database(pool, settings), this.mapper);
			Caller caller = new Caller(Callers.sha256("sk-embedded"), null);
			Flux.range(0, 10).flatMap((i) -> store.write("local", caller, (messages) -> {
				messages.add(this.mapper.createObjectNode().put("role", "user").put("content", "turn " + i));
				return messages;
			}), 4).blockLast(Duration.ofSeconds(30));
			assertThat(store.find("local").block(Duration.ofSeconds(10)).messages()).hasSize(10);
			assertThat(store.sessionIds(caller, 10, 0).collectList().block(Duration.ofSeconds(10)))
				.containsExactly("local");
			assertThat(store.delete("local").block(Duration.ofSeconds(10))).isEqualTo(1L);
		}
		finally {
			pool.dispose();
		}
	}

	private static void execute(DatabaseSettings settings, String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
				settings.password()); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static String columnType(DatabaseSettings settings, String column) throws SQLException {
		try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
				settings.password());
				ResultSet type = connection.createStatement()
					.executeQuery("SELECT data_type FROM information_schema.columns WHERE table_name = 'chat_sessions'"
							+ " AND column_name = '" + column + "'")) {
			return type.next() ? type.getString(1) : "missing";
		}
	}

}
