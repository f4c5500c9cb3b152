package dev.llmgw.cloud;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The fake LLM server's jar, started as a process on a free loopback port for S3 and
 * Secrets Manager; the reactor builds it before this module.
 */
final class FakeAwsProcess implements AutoCloseable {

	private static final Path JAR = Path.of("../fake-llm-server/target/fake-llm-server.jar");

	private final Process process;

	private final int port;

	private final HttpClient client = HttpClient.newHttpClient();

	private FakeAwsProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static FakeAwsProcess start() throws Exception {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: ./mvnw -pl fake-llm-server package");
		}
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx128m", "-jar", JAR.toString())
			.redirectErrorStream(true)
			.redirectOutput(Path.of("target/fake-aws.log").toFile());
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
		FakeAwsProcess fake = new FakeAwsProcess(builder.start(), port);
		fake.awaitHealthy();
		return fake;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	void putObject(String bucket, String key, String content) throws Exception {
		send(HttpRequest.newBuilder(URI.create(url() + "/fake/s3/" + bucket + "/" + key))
			.PUT(HttpRequest.BodyPublishers.ofString(content))
			.build());
	}

	/** Stores a secret and answers its ARN. */
	String putSecret(String name, String value) throws Exception {
		String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"");
		String reply = send(HttpRequest.newBuilder(URI.create(url() + "/fake/secrets"))
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"name\":\"" + name + "\",\"secretString\":\"" + escaped + "\"}"))
			.build());
		int start = reply.indexOf("arn:");
		return reply.substring(start, reply.indexOf('"', start));
	}

	private String send(HttpRequest request) throws Exception {
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(request.uri() + ": " + response.statusCode() + " " + response.body());
		}
		return response.body();
	}

	private void awaitHealthy() throws Exception {
		HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/health"))
			.timeout(Duration.ofSeconds(1))
			.build();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			try {
				if (this.client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(50);
		}
		this.process.destroy();
		throw new IllegalStateException("the fake did not start; see target/fake-aws.log");
	}

	@Override
	public void close() throws Exception {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
