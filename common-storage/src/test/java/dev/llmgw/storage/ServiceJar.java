package dev.llmgw.storage;

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
 * A packaged service jar (the gateway's or the middleware's) started as deployment starts
 * it ({@code java -jar}, environment variables, JVM options of the test's choosing), for
 * the *JarTests that run after the package phase. Its output goes to {@code <name>.log}
 * in the test's directory, and its embedded database there too.
 *
 * @param name the service, for its log file and messages
 * @param jar the jar the package phase built
 * @param dataDirVariable the variable naming the service's data directory
 */
public record ServiceJar(String name, Path jar, String dataDirVariable) {

	/**
	 * @param dir the test's directory: the log and the embedded database go there
	 * @param environment the service's variables
	 * @param jvmOptions the JVM's options, such as the heap size
	 * @return the process
	 */
	public Process start(Path dir, Map<String, String> environment, List<String> jvmOptions) throws IOException {
		assertThat(this.jar).as("built by the package phase").isRegularFile();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", this.jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve(this.name + ".log").toFile());
		builder.environment().putAll(environment);
		builder.environment().put(this.dataDirVariable, dir.resolve("data").toString());
		return builder.start();
	}

	/** What the service started from {@code dir} has written. */
	public String log(Path dir) throws IOException {
		return Files.readString(dir.resolve(this.name + ".log"));
	}

	/** Waits up to a minute for the liveliness probe; fails with the log. */
	public void awaitLive(HttpClient client, int port, Process service, Path dir) throws Exception {
		HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/liveliness"))
			.timeout(Duration.ofSeconds(1))
			.build();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline && service.isAlive()) {
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
		throw new AssertionError(this.name + " did not start: " + log(dir));
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
