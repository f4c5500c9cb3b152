package dev.llmgw.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of a test's own, on a free loopback port, without persistence,
 * that the test may kill and start again under a running gateway (the shared Redis must
 * never be stopped: other tests use it). A missing redis-server fails the test with a
 * message; it never skips.
 */
public final class DisposableRedis implements AutoCloseable {

	private final Path directory;

	private final int port;

	private final List<String> options;

	private Process process;

	private DisposableRedis(Path directory, int port, List<String> options) {
		this.directory = directory;
		this.port = port;
		this.options = options;
		this.process = launch();
	}

	/**
	 * @param directory where its log goes (the test's temporary directory)
	 * @param options more of {@code redis-server}'s arguments (an ACL, say)
	 */
	public static DisposableRedis start(Path directory, String... options) {
		return new DisposableRedis(directory, freePort(), List.of(options));
	}

	/**
	 * A node for a Redis cluster of the test's own: cluster mode on, its node file in
	 * {@code directory}; join the nodes with {@code redis-cli --cluster create}.
	 */
	public static DisposableRedis startClusterNode(Path directory) {
		int port = freePort();
		return new DisposableRedis(directory, port,
				List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf"));
	}

	public int port() {
		return this.port;
	}

	/**
	 * Runs one {@code redis-cli} command against this server.
	 * @return what it printed, trimmed
	 */
	public String cli(String... command) {
		List<String> args = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(this.port)));
		args.addAll(List.of(command));
		try {
			Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes()).trim();
			process.waitFor(10, TimeUnit.SECONDS);
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Kills the server; connected clients see their connections reset. */
	public void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Freezes the server (SIGSTOP): connections stay open and nothing answers, as a Redis
	 * stuck in a long command or a paused VM.
	 */
	public void freeze() {
		signal("STOP");
	}

	/** Lets a frozen server go on (SIGCONT), with everything it held. */
	public void thaw() {
		signal("CONT");
	}

	private void signal(String name) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(this.process.pid())).inheritIO()
				.start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + name + " failed");
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

	/** Starts the server again on the same port, empty. */
	public void restart() {
		this.process = launch();
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			thaw();
			stop();
		}
	}

	private Process launch() {
		Path log = this.directory.resolve("redis-" + this.port + ".log");
		try {
			List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(this.port),
					"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()));
			command.addAll(this.options);
			Process started = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (System.nanoTime() < deadline) {
				try (Socket socket = new Socket("127.0.0.1", this.port)) {
					return started;
				}
				catch (IOException ex) {
					Thread.sleep(50);
				}
			}
			started.destroyForcibly();
			throw new IllegalStateException("redis-server did not start: " + Files.readString(log));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("redis-server is needed on the PATH", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
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
