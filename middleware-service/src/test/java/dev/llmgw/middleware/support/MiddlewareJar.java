package dev.llmgw.middleware.support;

import java.io.IOException;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged middleware jar started as deployment starts it ({@code java -jar},
 * environment variables, JVM options of the test's choosing), for the *JarTests that run
 * after the package phase. Its output goes to {@code middleware.log} in the test's
 * directory.
 */
public final class MiddlewareJar {

	private static final Path JAR = Path.of("target/middleware-service.jar");

	private MiddlewareJar() {
	}

	/**
	 * @param dir the test's directory: the log and the embedded database go there
	 * @param environment the middleware's variables
	 * @param jvmOptions the JVM's options, such as the heap size
	 * @return the process
	 */
	public static Process start(Path dir, Map<String, String> environment, List<String> jvmOptions) throws IOException {
		assertThat(JAR).as("built by the package phase").isRegularFile();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", JAR.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve("middleware.log").toFile());
		builder.environment().putAll(environment);
		builder.environment().put("MIDDLEWARE_DATA_DIR", dir.resolve("data").toString());
		return builder.start();
	}

	/** What the middleware started from {@code dir} has written. */
	public static String log(Path dir) throws IOException {
		return Files.readString(dir.resolve("middleware.log"));
	}

	/** Waits up to a minute for the liveliness probe; fails with the log. */
	public static void awaitLive(HttpClient client, int port, Process middleware, Path dir) throws Exception {
		HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/liveliness"))
			.timeout(Duration.ofSeconds(1))
			.build();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline && middleware.isAlive()) {
			try {
				if (client.send(live, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(100);
		}
		throw new AssertionError("middleware did not start: " + log(dir));
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
