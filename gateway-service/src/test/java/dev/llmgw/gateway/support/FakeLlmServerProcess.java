package dev.llmgw.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake LLM server, started the way deployment starts it
 * ({@code java -jar fake-llm-server.jar} with {@code SERVER_PORT}), once per test JVM, on
 * a free loopback port. The reactor builds fake-llm-server before this module, so its jar
 * is there; run from this module alone, build it first.
 */
public final class FakeLlmServerProcess {

	private static final Path JAR = Path.of("../fake-llm-server/target/fake-llm-server.jar");

	private static FakeLlmServerProcess shared;

	private final Process process;

	private final int port;

	private FakeLlmServerProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	public static synchronized FakeLlmServerProcess shared() {
		if (shared == null) {
			shared = start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared.process::destroy));
		}
		return shared;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port + "/v1";
	}

	public int port() {
		return this.port;
	}

	private static FakeLlmServerProcess start() {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build it first with "
					+ "./mvnw -pl fake-llm-server package (./mvnw verify at the root does this)");
		}
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-jar", JAR.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(Path.of("target/fake-llm-server.log").toFile());
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
		try {
			FakeLlmServerProcess server = new FakeLlmServerProcess(builder.start(), port);
			server.awaitHealthy();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitHealthy() {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/health"))
			.timeout(Duration.ofSeconds(1))
			.build();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("fake-llm-server exited; see target/fake-llm-server.log");
			}
			try {
				if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep();
		}
		this.process.destroy();
		throw new IllegalStateException("fake-llm-server did not become healthy in 30s");
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
