package dev.llmgw.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake server on an ephemeral loopback port and a plain JDK client for it, as the
 * gateway's own tests will use it.
 */
public final class TestServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RunningServer server;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private TestServer(RunningServer server) {
		this.server = server;
	}

	public static TestServer start() {
		return start(null);
	}

	public static TestServer start(@Nullable String requiredApiKey) {
		return new TestServer(FakeLlmServer.start(new FakeLlmServerOptions("127.0.0.1", 0, requiredApiKey)));
	}

	public RunningServer server() {
		return this.server;
	}

	/**
	 * Posts a body; headers come as name, value pairs.
	 */
	public HttpResponse<String> post(String path, String body, String... headers) {
		return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
	}

	public HttpResponse<String> put(String path, String body, String... headers) {
		return send(request(path, headers).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
	}

	public HttpResponse<String> get(String path, String... headers) {
		return send(request(path, headers).GET().build());
	}

	public HttpResponse<String> delete(String path, String... headers) {
		return send(request(path, headers).DELETE().build());
	}

	/**
	 * Reads an event stream line by line, stopping at the end or at a dropped connection.
	 * @return the {@code data:} payloads received, and whether the stream ended cleanly
	 */
	public StreamResult stream(String path, String body, String... headers) throws Exception {
		HttpRequest request = request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build();
		HttpResponse<Stream<String>> response = this.client.send(request, HttpResponse.BodyHandlers.ofLines());
		List<String> data = new ArrayList<>();
		List<String> events = new ArrayList<>();
		boolean complete = true;
		try (Stream<String> lines = response.body()) {
			lines.forEach((line) -> {
				if (line.startsWith("data: ")) {
					data.add(line.substring(6));
				}
				else if (line.startsWith("event: ")) {
					events.add(line.substring(7));
				}
			});
		}
		catch (UncheckedIOException ex) {
			complete = false;
		}
		return new StreamResult(response, data, events, complete);
	}

	/**
	 * Posts a body and reads the answer as bytes, for binary streams.
	 */
	public HttpResponse<byte[]> postForBytes(String path, String body, String... headers) throws Exception {
		HttpRequest request = request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	public static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	private HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.server.baseUrl() + path))
			.timeout(Duration.ofSeconds(10));
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.close();
	}

}
