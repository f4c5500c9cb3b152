package dev.llmgw.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL that integration tests of every module use, at the address the
 * environment gives ({@code PGHOST}/{@code PGPORT}/{@code PGUSER}/{@code PGPASSWORD}),
 * defaulting to this machine's. A missing server fails the test with a message; it never
 * skips. Shared with the services' tests through this module's test jar.
 */
public final class TestPostgres {

	private TestPostgres() {
	}

	public static String host() {
		return env("PGHOST", "127.0.0.1");
	}

	public static int port() {
		return Integer.parseInt(env("PGPORT", "5432"));
	}

	/**
	 * Creates a database of its own for a test class.
	 * @return its DATABASE_URL, in the original's postgresql://user:pass@host:port/db
	 * format
	 */
	public static String newDatabase() {
		String user = env("PGUSER", "postgres");
		String password = env("PGPASSWORD", "");
		String name = "llmgw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String admin = "jdbc:postgresql://" + host() + ":" + port() + "/" + env("PGDATABASE", "test");
		try (Connection connection = DriverManager.getConnection(admin, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"PostgreSQL is needed at " + admin + " (set PGHOST/PGPORT/PGUSER): " + ex.getMessage(), ex);
		}
		String credentials = password.isEmpty() ? user : user + ":" + password;
		return "postgresql://" + credentials + "@" + host() + ":" + port() + "/" + name;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
