package dev.llmgw.gateway.support;

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
 * The packaged gateway jar started as deployment starts it ({@code java -jar} and
 * environment variables), for the *JarTests that run after the package phase. Its output
 * goes to {@code gateway.log} in the test's directory.
 */
public final class GatewayJar {

	private static final Path JAR = Path.of("target/gateway-service.jar");

	private GatewayJar() {
	}

	/**
	 * @param dir the test's directory: the log and the embedded database go there
	 * @param environment the gateway's variables
	 * @return the process
	 */
	public static Process start(Path dir, Map<String, String> environment) throws IOException {
		return start(dir, environment, List.of("-Xmx256m"));
	}

	/**
	 * @param dir the test's directory: the log and the embedded database go there
	 * @param environment the gateway's variables
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
			.redirectOutput(dir.resolve("gateway.log").toFile());
		builder.environment().putAll(environment);
		builder.environment().put("GATEWAY_DATA_DIR", dir.resolve("data").toString());
		return builder.start();
	}

	/** What the gateway started from {@code dir} has written. */
	public static String log(Path dir) throws IOException {
		return Files.readString(dir.resolve("gateway.log"));
	}

	/** Waits up to a minute for the gateway's liveliness probe; fails with its log. */
	public static void awaitLive(HttpClient client, int port, Process gateway, Path dir) throws Exception {
		HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/liveliness"))
			.timeout(Duration.ofSeconds(1))
			.build();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline && gateway.isAlive()) {
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
		throw new AssertionError("gateway did not start: " + log(dir));
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
