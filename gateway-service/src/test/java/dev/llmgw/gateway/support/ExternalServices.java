package dev.llmgw.gateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL and Redis that integration tests use, at the addresses the environment
 * gives ({@code PGHOST}/{@code PGPORT}/{@code PGUSER}/{@code PGPASSWORD},
 * {@code REDIS_HOST}/{@code REDIS_PORT}), defaulting to this machine's. A missing service
 * fails the test with a message; it never skips.
 */
public final class ExternalServices {

	private ExternalServices() {
	}

	public static String postgresHost() {
		return env("PGHOST", "127.0.0.1");
	}

	public static int postgresPort() {
		return Integer.parseInt(env("PGPORT", "5432"));
	}

	public static String redisHost() {
		return env("REDIS_HOST", "127.0.0.1");
	}

	public static int redisPort() {
		return Integer.parseInt(env("REDIS_PORT", "6379"));
	}

	/**
	 * Creates a database of its own for a test class.
	 * @return its DATABASE_URL, in the original's postgresql://user:pass@host:port/db
	 * format
	 */
	public static String newPostgresDatabase() {
		String user = env("PGUSER", "postgres");
		String password = env("PGPASSWORD", "");
		String name = "llmgw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String admin = "jdbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/" + env("PGDATABASE", "test");
		try (Connection connection = DriverManager.getConnection(admin, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"PostgreSQL is needed at " + admin + " (set PGHOST/PGPORT/PGUSER): " + ex.getMessage(), ex);
		}
		String credentials = password.isEmpty() ? user : user + ":" + password;
		return "postgresql://" + credentials + "@" + postgresHost() + ":" + postgresPort() + "/" + name;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
