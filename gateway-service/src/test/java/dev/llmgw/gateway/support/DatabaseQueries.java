package dev.llmgw.gateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.llmgw.storage.DatabaseSettings;

/** What a test reads straight from a gateway's PostgreSQL database, over JDBC. */
public final class DatabaseQueries {

	private DatabaseQueries() {
	}

	/** A JDBC connection to the database, for a test that reads rows itself. */
	public static Connection connect(String databaseUrl) throws SQLException {
		DatabaseSettings settings = DatabaseSettings.parse(databaseUrl);
		return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
	}

	/** The first column of the first row, rounded to a whole number. */
	public static long number(String databaseUrl, String sql) throws SQLException {
		DatabaseSettings settings = DatabaseSettings.parse(databaseUrl);
		try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
				settings.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return Math.round(result.getDouble(1));
		}
	}

}
