package dev.llmgw.storage;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own, on a free loopback port, that the test may stop
 * and start again under a running service (the shared one at {@link TestPostgres} must
 * never be stopped: other tests use it). Created with {@code initdb} into a temporary
 * directory and removed with it on {@link #close()}. The binaries are found under
 * {@code /usr/lib/postgresql/<version>/bin}, or in {@code PG_BIN}; initdb refuses to run
 * as root, so as root the server runs as the {@code postgres} user through
 * {@code runuser}. Missing binaries fail the test with a message; it never skips. Shared
 * with the services' tests through this module's test jar.
 */
public final class DisposablePostgres implements AutoCloseable {

	private static final String SERVICE_USER = "postgres";

	private final Path bin;

	private final Path directory;

	private final Path data;

	private final int port;

	private final boolean asServiceUser;

	private boolean running;

	private DisposablePostgres(Path bin, Path directory, int port, boolean asServiceUser) {
		this.bin = bin;
		this.directory = directory;
		this.data = directory.resolve("data");
		this.port = port;
		this.asServiceUser = asServiceUser;
	}

	/** Creates a cluster in a new temporary directory and starts it. */
	public static DisposablePostgres start() {
		Path bin = binaries();
		boolean root = "root".equals(System.getProperty("user.name"));
		Path directory;
		try {
			directory = Files.createTempDirectory("disposable-postgres");
			if (root) {
				UserPrincipal owner = directory.getFileSystem()
					.getUserPrincipalLookupService()
					.lookupPrincipalByName(SERVICE_USER);
				Files.getFileAttributeView(directory, PosixFileAttributeView.class).setOwner(owner);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		DisposablePostgres postgres = new DisposablePostgres(bin, directory, freePort(), root);
		try {
			postgres.run("initdb", "-D", postgres.data.toString(), "-U", SERVICE_USER, "--auth=trust", "-E", "UTF8",
					"--no-sync");
			postgres.restart();
		}
		catch (RuntimeException ex) {
			postgres.close();
			throw ex;
		}
		return postgres;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Creates a database on this server.
	 * @return its DATABASE_URL, in the original's postgresql://user@host:port/db format
	 */
	public String newDatabase() {
		String name = "llmgw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager
			.getConnection("jdbc:postgresql://127.0.0.1:" + this.port + "/postgres", SERVICE_USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create a database on port " + this.port, ex);
		}
		return "postgresql://" + SERVICE_USER + "@127.0.0.1:" + this.port + "/" + name;
	}

	/**
	 * Shuts the server down at once, as a crash would: clients see their connections
	 * closed and new ones refused.
	 */
	public void stop() {
		run("pg_ctl", "-D", this.data.toString(), "-m", "immediate", "-w", "stop");
		this.running = false;
	}

	/** Starts the server (again) on the same port, with the same data. */
	public void restart() {
		run("pg_ctl", "-D", this.data.toString(), "-l", this.directory.resolve("server.log").toString(), "-w", "-t",
				"30", "-o", "-p " + this.port + " -k " + this.directory
						+ " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
				"start");
		this.running = true;
	}

	/** Stops the server if it runs and deletes its directory. */
	@Override
	public void close() {
		try {
			if (this.running) {
				stop();
			}
		}
		finally {
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private void run(String program, String... arguments) {
		List<String> command = new ArrayList<>();
		if (this.asServiceUser) {
			command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
		}
		command.add(this.bin.resolve(program).toString());
		command.addAll(List.of(arguments));
		Path output = this.directory.resolve(program + ".out");
		try {
			// in the server's own directory: the service user may not read the caller's
			Process process = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(program + " did not finish within 60 s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
						+ Files.readString(output));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path binaries() {
		String configured = System.getenv("PG_BIN");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		Path installed = Path.of("/usr/lib/postgresql");
		try (Stream<Path> versions = Files.list(installed)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("pg_ctl")))
				.max(Comparator.comparingInt(DisposablePostgres::majorVersion))
				.orElseThrow(() -> new IllegalStateException("No PostgreSQL binaries under " + installed));
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"PostgreSQL binaries (initdb, pg_ctl) are needed under " + installed + " or in PG_BIN", ex);
		}
	}

	private static int majorVersion(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
