package dev.llmgw.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL that integration tests of every module use, at the address the
 * environment gives ({@code PGHOST}/{@code PGPORT}/{@code PGUSER}/{@code PGPASSWORD}),
 * defaulting to this machine's. A missing server fails the test with a message; it never
 * skips. Shared with the services' tests through this module's test jar.
 * <p>
 * The databases it creates are dropped when the test class that created them ends
 * ({@link DropTestDatabases}), or at the latest when the JVM exits; what a crashed run
 * left behind is swept on the first creation of the next run, once older than
 * {@link #LEFTOVER_AGE} (younger ones may belong to a run still going on this server).
 */
public final class TestPostgres {

	static final String PREFIX = "llmgw_test_";

	/**
	 * Longer than any test JVM lives, so a sweep never drops a running run's database.
	 */
	static final Duration LEFTOVER_AGE = Duration.ofHours(1);

	// llmgw_test_<epoch seconds>_<random>: the name says when, whatever the role may read
	private static final Pattern DATED = Pattern.compile(PREFIX + "(\\d{10,})_[0-9a-f]+");

	private static final Queue<String> created = new ConcurrentLinkedQueue<>();

	private static volatile boolean swept;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropCreated, "drop-test-databases"));
	}

	private TestPostgres() {
	}

	public static String host() {
		return env("PGHOST", "127.0.0.1");
	}

	public static int port() {
		return Integer.parseInt(env("PGPORT", "5432"));
	}

	/**
	 * Creates a database of its own for a test class, dropped when that class ends.
	 * @return its DATABASE_URL, in the original's postgresql://user:pass@host:port/db
	 * format
	 */
	public static String newDatabase() {
		if (!swept) {
			synchronized (TestPostgres.class) {
				if (!swept) {
					sweepLeftovers(Instant.now().minus(LEFTOVER_AGE));
					swept = true;
				}
			}
		}
		String name = PREFIX + Instant.now().getEpochSecond() + "_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		try (Connection connection = admin(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"PostgreSQL is needed at " + adminUrl() + " (set PGHOST/PGPORT/PGUSER): " + ex.getMessage(), ex);
		}
		created.add(name);
		String user = user();
		String password = password();
		String credentials = password.isEmpty() ? user : user + ":" + password;
		return "postgresql://" + credentials + "@" + host() + ":" + port() + "/" + name;
	}

	/**
	 * Drops every database created since the last call. Connections still open to them (a
	 * pool a test did not close, a cached Spring context) are terminated first: a
	 * database in use cannot be dropped.
	 */
	public static void dropCreated() {
		List<String> names = new ArrayList<>();
		for (String name = created.poll(); name != null; name = created.poll()) {
			names.add(name);
		}
		if (names.isEmpty()) {
			return;
		}
		try (Connection connection = admin()) {
			for (String name : names) {
				drop(connection, name);
			}
		}
		catch (SQLException ex) {
			// cleaning up must never fail a test; the next run's sweep gets it
			System.err.println("Could not drop test databases " + names + ": " + ex.getMessage());
		}
	}

	/**
	 * Drops the test databases created before {@code cutoff}: by the time in their name,
	 * or, for names without one (older runs), by the creation time of the database's
	 * directory when the role may read it.
	 */
	static void sweepLeftovers(Instant cutoff) {
		try (Connection connection = admin()) {
			for (String name : leftovers(connection, cutoff)) {
				drop(connection, name);
			}
		}
		catch (SQLException ex) {
			System.err.println("Could not sweep leftover test databases: " + ex.getMessage());
		}
	}

	static boolean exists(String name) throws SQLException {
		try (Connection connection = admin();
				PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			query.setString(1, name);
			try (ResultSet row = query.executeQuery()) {
				return row.next();
			}
		}
	}

	static String nameOf(String databaseUrl) {
		return databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1);
	}

	private static List<String> leftovers(Connection connection, Instant cutoff) throws SQLException {
		List<String> names = new ArrayList<>();
		List<String> undated = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'llmgw\\_test\\_%'")) {
			while (rows.next()) {
				String name = rows.getString(1);
				Matcher dated = DATED.matcher(name);
				if (!dated.matches()) {
					undated.add(name);
				}
				else if (Instant.ofEpochSecond(Long.parseLong(dated.group(1))).isBefore(cutoff)) {
					names.add(name);
				}
			}
		}
		for (String name : undated) {
			if (createdBefore(connection, name, cutoff)) {
				names.add(name);
			}
		}
		return names;
	}

	// PG_VERSION is written when the database is created and never again
	private static boolean createdBefore(Connection connection, String name, Instant cutoff) {
		try (PreparedStatement query = connection.prepareStatement(
				"SELECT (pg_stat_file('base/' || oid || '/PG_VERSION')).modification FROM pg_database WHERE datname = ?")) {
			query.setString(1, name);
			try (ResultSet row = query.executeQuery()) {
				return row.next() && row.getTimestamp(1).toInstant().isBefore(cutoff);
			}
		}
		catch (SQLException ex) {
			// not allowed to read it (not a superuser): leave it, it cannot be dated
			return false;
		}
	}

	private static void drop(Connection connection, String name) throws SQLException {
		SQLException last = null;
		// a pool may reconnect between the terminate and the drop: try again
		for (int attempt = 0; attempt < 5; attempt++) {
			try (PreparedStatement terminate = connection.prepareStatement(
					"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()");
					Statement statement = connection.createStatement()) {
				terminate.setString(1, name);
				terminate.executeQuery().close();
				statement.execute("DROP DATABASE IF EXISTS " + name);
				return;
			}
			catch (SQLException ex) {
				last = ex;
				sleep();
			}
		}
		throw last;
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Connection admin() throws SQLException {
		return DriverManager.getConnection(adminUrl(), user(), password());
	}

	private static String adminUrl() {
		return "jdbc:postgresql://" + host() + ":" + port() + "/" + env("PGDATABASE", "test");
	}

	private static String user() {
		return env("PGUSER", "postgres");
	}

	private static String password() {
		return env("PGPASSWORD", "");
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
