package dev.llmgw.gateway.support;

import dev.llmgw.storage.TestPostgres;

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
		return TestPostgres.host();
	}

	public static int postgresPort() {
		return TestPostgres.port();
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
		return TestPostgres.newDatabase();
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
