package dev.llmgw.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The databases tests create do not pile up on the developer's server: a test class's are
 * dropped when it ends, and a crashed run's are swept by the next once old enough.
 */
class TestDatabaseCleanupTests {

	@Test
	void aTestClassDatabaseIsGoneWhenTheClassEnds() throws SQLException {
		Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
			.enableTestExecutionListenerAutoRegistration(false)
			.addTestExecutionListeners(new DropTestDatabases())
			.build());
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(CreatesADatabase.class))
			.build();
		SummaryGeneratingListener summary = new SummaryGeneratingListener();
		launcher.execute(request, summary);
		TestExecutionSummary result = summary.getSummary();
		assertThat(result.getTotalFailureCount()).isZero();
		assertThat(result.getTestsSucceededCount()).isEqualTo(1);
		assertThat(CreatesADatabase.name).startsWith(TestPostgres.PREFIX);
		assertThat(TestPostgres.exists(CreatesADatabase.name)).isFalse();
	}

	@Test
	void aCrashedRunsDatabasesAreSweptOnceOlderThanAnyRun() throws SQLException {
		Instant now = Instant.now();
		String old = TestPostgres.PREFIX + now.minus(Duration.ofHours(2)).getEpochSecond() + "_5eedf00d";
		String young = TestPostgres.PREFIX + now.minus(Duration.ofMinutes(5)).getEpochSecond() + "_5eedf00d";
		create(old);
		create(young);
		try {
			TestPostgres.sweepLeftovers(now.minus(TestPostgres.LEFTOVER_AGE));
			assertThat(TestPostgres.exists(old)).isFalse();
			// it may be a run going on right now
			assertThat(TestPostgres.exists(young)).isTrue();
		}
		finally {
			execute("DROP DATABASE IF EXISTS " + old);
			execute("DROP DATABASE IF EXISTS " + young);
		}
	}

	private static void create(String name) throws SQLException {
		execute("CREATE DATABASE " + name);
	}

	private static void execute(String sql) throws SQLException {
		String url = "jdbc:postgresql://" + TestPostgres.host() + ":" + TestPostgres.port() + "/"
				+ env("PGDATABASE", "test");
		try (Connection connection = DriverManager.getConnection(url, env("PGUSER", "postgres"), env("PGPASSWORD", ""));
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	/** Run by the test above, not by the build (nested classes are not collected). */
	static class CreatesADatabase {

		static String name;

		@Test
		void createsOne() throws SQLException {
			String url = TestPostgres.newDatabase();
			name = TestPostgres.nameOf(url);
			// with a connection left open, as a gateway not closed would
			DatabaseSettings settings = DatabaseSettings.parse(url);
			Connection open = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
			assertThat(open.isValid(1)).isTrue();
			assertThat(TestPostgres.exists(name)).isTrue();
		}

	}

}
