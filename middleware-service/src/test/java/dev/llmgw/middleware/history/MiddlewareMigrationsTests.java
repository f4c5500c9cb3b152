package dev.llmgw.middleware.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmgw.storage.DatabaseConnector;
import dev.llmgw.storage.DatabaseSettings;
import dev.llmgw.storage.Migrations;
import dev.llmgw.storage.TestPostgres;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The middleware's PostgreSQL migrations: a new database migrates without a warning, with
 * each index once, and a database migrated by an earlier text of V2 (which created V1's
 * index again) still validates.
 */
class MiddlewareMigrationsTests {

	private static final Migrations MIGRATIONS = new Migrations("classpath:db/middleware/{vendor}",
			"middleware_schema_history");

	// V2's checksum before it stopped creating V1's index again, as databases migrated
	// then hold it
	private static final int EARLIER_V2_CHECKSUM = 1363055565;

	@Test
	void aNewDatabaseMigratesWithoutWarnings() throws SQLException {
		DatabaseSettings settings = DatabaseSettings.parse(TestPostgres.newDatabase());
		ListAppender<ILoggingEvent> flywayLog = new ListAppender<>();
		Logger flyway = (Logger) LoggerFactory.getLogger("org.flywaydb");
		flywayLog.start();
		flyway.addAppender(flywayLog);
		try {
			DatabaseConnector.migrateAndConnect(settings, MIGRATIONS, 1).dispose();
		}
		finally {
			flyway.detachAppender(flywayLog);
		}
		assertThat(flywayLog.list).as("Flyway's log").isNotEmpty();
		assertThat(flywayLog.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.extracting(ILoggingEvent::getFormattedMessage)
			.isEmpty();
		assertThat(query(settings, "SELECT count(*) FROM pg_indexes WHERE tablename = 'chat_sessions'"
				+ " AND indexdef LIKE '%(api_key_hash)'"))
			.isEqualTo("1");
	}

	@Test
	void aDatabaseMigratedByTheEarlierV2StillValidates() throws SQLException {
		DatabaseSettings settings = DatabaseSettings.parse(TestPostgres.newDatabase());
		DatabaseConnector.migrateAndConnect(settings, MIGRATIONS, 1).dispose();
		String current = query(settings, "SELECT checksum FROM middleware_schema_history WHERE version = '2'");
		assertThat(current).isNotEqualTo(String.valueOf(EARLIER_V2_CHECKSUM));
		execute(settings,
				"UPDATE middleware_schema_history SET checksum = " + EARLIER_V2_CHECKSUM + " WHERE version = '2'");
		// Flyway refuses to start on a checksum that differs from the script's
		DatabaseConnector.migrateAndConnect(settings, MIGRATIONS, 1).dispose();
		assertThat(query(settings, "SELECT checksum FROM middleware_schema_history WHERE version = '2'"))
			.isEqualTo(current);
	}

	private static void execute(DatabaseSettings settings, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
				settings.password()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String query(DatabaseSettings settings, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
				settings.password()); ResultSet row = connection.createStatement().executeQuery(sql)) {
			assertThat(row.next()).isTrue();
			return row.getString(1);
		}
	}

}
