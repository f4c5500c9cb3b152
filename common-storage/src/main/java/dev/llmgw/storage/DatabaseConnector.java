package dev.llmgw.storage;

import java.time.Duration;

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

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Migrates a service's database with Flyway, then opens the R2DBC pool the service runs
 * on. Migration happens first and at start-up only: it is blocking JDBC, and no request
 * may see a schema older than the code.
 */
public final class DatabaseConnector {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConnector.class);

	private DatabaseConnector() {
	}

	/**
	 * @param settings where the database is
	 * @param migrations the service's migrations
	 * @param poolSize the most connections the pool opens
	 * @return the pool; dispose of it on shutdown
	 */
	public static ConnectionPool migrateAndConnect(DatabaseSettings settings, Migrations migrations, int poolSize) {
		migrate(settings, migrations);
		ConnectionFactory factory = settings.embedded() ? h2(settings) : postgres(settings);
		return new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
			.maxSize(poolSize)
			.initialSize(0)
			.maxIdleTime(Duration.ofMinutes(5))
			.maxAcquireTime(Duration.ofSeconds(10))
			.validationQuery("SELECT 1")
			.build());
	}

	/**
	 * @param pool the pool from {@link #migrateAndConnect}
	 * @param settings where the database is
	 * @return the client the service's stores use
	 */
	public static Database database(ConnectionPool pool, DatabaseSettings settings) {
		TransactionalOperator transactions = TransactionalOperator.create(new R2dbcTransactionManager(pool));
		return new Database(DatabaseClient.create(pool), transactions, settings.embedded());
	}

	private static void migrate(DatabaseSettings settings, Migrations migrations) {
		log.info("Database: {}", settings.describe());
		Flyway.configure()
			.dataSource(settings.jdbcUrl(), settings.user(), settings.password())
			.locations(migrations.locationFor(settings.embedded()))
			.table(migrations.historyTable())
			.baselineOnMigrate(true)
			.baselineVersion("0")
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
