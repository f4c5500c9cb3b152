package dev.llmgw.middleware.history;

import java.nio.file.Path;

import dev.llmgw.ids.Ids;
import dev.llmgw.middleware.upstream.GatewayClient;
import dev.llmgw.storage.Database;
import dev.llmgw.storage.DatabaseConnector;
import dev.llmgw.storage.DatabaseSettings;
import dev.llmgw.storage.Migrations;
import io.r2dbc.pool.ConnectionPool;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Chat history's database ({@code DATABASE_MIDDLEWARE_URL}, else {@code DATABASE_URL},
 * else an embedded H2 file under {@code MIDDLEWARE_DATA_DIR}), migrated at start-up with
 * the middleware's own Flyway history, so it may share the gateway's database; and its
 * routes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HistoryProperties.class)
public class HistoryConfiguration {

	@Bean
	DatabaseSettings historyDatabaseSettings(HistoryProperties properties) {
		if (properties.databaseUrl().isBlank()) {
			return DatabaseSettings.embedded(Path.of(properties.dataDir()), "middleware");
		}
		return DatabaseSettings.parse("DATABASE_MIDDLEWARE_URL (or DATABASE_URL)", properties.databaseUrl());
	}

	@Bean(destroyMethod = "dispose")
	ConnectionPool historyConnections(@Qualifier("historyDatabaseSettings") DatabaseSettings settings,
			HistoryProperties properties) {
		return DatabaseConnector.migrateAndConnect(settings,
				new Migrations("classpath:db/middleware/{vendor}", "middleware_schema_history"),
				poolSize(settings, properties.databasePoolSize()));
	}

	/**
	 * One connection for the embedded database: H2 fails, rather than waits, when two
	 * transactions lock one row, and the embedded database serves one process, whose
	 * writes can as well take turns.
	 */
	static int poolSize(DatabaseSettings settings, int configured) {
		return settings.embedded() ? 1 : configured;
	}

	/**
	 * @param events the metrics' watcher of reads and writes, when the metrics are on
	 */
	@Bean
	ChatSessionStore chatSessionStore(ConnectionPool historyConnections,
			@Qualifier("historyDatabaseSettings") DatabaseSettings settings, JsonMapper mapper,
			ObjectProvider<HistoryEvents> events) {
		Database database = DatabaseConnector.database(historyConnections, settings);
		return new ChatSessionStore(database, mapper, events.getIfAvailable(() -> HistoryEvents.NONE));
	}

	@Bean
	Callers callers(GatewayClient gateway, JsonMapper mapper) {
		return new Callers(gateway, mapper);
	}

	@Bean
	ChatHistory chatHistory(ChatSessionStore store, Callers callers, JsonMapper mapper, HistoryProperties properties) {
		// new session ids are drawn on event loops: seed their generator now
		Ids.seedNow();
		return new ChatHistory(store, callers, mapper, properties.history());
	}

	@Bean
	RouterFunction<ServerResponse> chatHistoryRoutes(ChatSessionStore store, Callers callers, JsonMapper mapper) {
		ChatHistoryEndpoints endpoints = new ChatHistoryEndpoints(store, callers, mapper);
		return RouterFunctions.route()
			.GET("/chat-history", endpoints::openAiHistory)
			.POST("/chat-history", endpoints::openAiHistory)
			.DELETE("/chat-history", endpoints::openAiDelete)
			.GET("/bedrock/chat-history", endpoints::bedrockHistory)
			.POST("/bedrock/chat-history", endpoints::bedrockHistory)
			.DELETE("/bedrock/chat-history", endpoints::bedrockDelete)
			.GET("/session-ids", endpoints::sessionIds)
			.POST("/session-ids", endpoints::sessionIds)
			.build();
	}

}
