package dev.llmgw.middleware.history;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Chat history's database and limits.
 *
 * @param databaseUrl {@code middleware.database-url}: {@code DATABASE_MIDDLEWARE_URL},
 * else {@code DATABASE_URL}; blank for the embedded database
 * @param dataDir where the embedded database lives ({@code middleware.data-dir}:
 * {@code MIDDLEWARE_DATA_DIR})
 * @param databasePoolSize connections to a database server
 * ({@code middleware.database-pool-size}: {@code DATABASE_MIDDLEWARE_POOL_SIZE})
 * @param history how much one session may hold ({@code middleware.history.*})
 */
@ConfigurationProperties("middleware")
public record HistoryProperties(@DefaultValue("") String databaseUrl, @DefaultValue("./data") String dataDir,
		@DefaultValue("10") int databasePoolSize, @DefaultValue HistoryLimits history) {

}
