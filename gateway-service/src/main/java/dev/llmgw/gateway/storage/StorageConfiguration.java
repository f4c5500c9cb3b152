package dev.llmgw.gateway.storage;

import java.nio.file.Path;
import java.time.Duration;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ConnectionFactory;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Connects the database named by {@code DATABASE_URL} (or general_settings.database_url),
 * else the embedded H2 file database under {@code GATEWAY_DATA_DIR}, and migrates it with
 * Flyway before anything uses it. Wired here rather than by auto-configuration because
 * the choice between the two is the gateway's own rule.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

	@Bean
	DatabaseSettings databaseSettings(GatewayProperties properties, GatewayConfig config) {
		String url = properties.databaseUrl();
		if (url == null || url.isBlank()) {
			url = config.generalSettings().databaseUrl();
		}
		if (url == null || url.isBlank() || url.startsWith("os.environ/")) {
			return DatabaseSettings.embedded(Path.of(properties.dataDir()));
		}
		return DatabaseSettings.parse(url);
	}

	@Bean(destroyMethod = "dispose")
	ConnectionPool connectionFactory(DatabaseSettings settings, GatewayProperties properties) {
		migrate(settings);
		ConnectionFactory factory = settings.embedded() ? h2(settings) : postgres(settings);
		return new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
			.maxSize(properties.databasePoolSize())
			.initialSize(0)
			.maxIdleTime(Duration.ofMinutes(5))
			.maxAcquireTime(Duration.ofSeconds(10))
			.validationQuery("SELECT 1")
			.build());
	}

	@Bean
	Database database(ConnectionPool connectionFactory, DatabaseSettings settings) {
		TransactionalOperator transactions = TransactionalOperator
			.create(new R2dbcTransactionManager(connectionFactory));
		return new Database(DatabaseClient.create(connectionFactory), transactions, settings.embedded());
	}

	private static void migrate(DatabaseSettings settings) {
		log.info("Database: {}", settings.describe());
		Flyway.configure()
			.dataSource(settings.jdbcUrl(), settings.user(), settings.password())
			.locations("classpath:db/migration")
			.load()
			.migrate();
	}

	private static ConnectionFactory h2(DatabaseSettings settings) {
		return new H2ConnectionFactory(H2ConnectionConfiguration.builder()
			.file(settings.database() + settings.h2Options())
			.username(settings.user())
			.password(settings.password())
			.build());
	}

	private static ConnectionFactory postgres(DatabaseSettings settings) {
		return new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
			.host(settings.host())
			.port(settings.port())
			.database(settings.database())
			.username(settings.user())
			.password(settings.password())
			.sslMode(SSLMode.fromValue(settings.sslMode()))
			.build());
	}

}
