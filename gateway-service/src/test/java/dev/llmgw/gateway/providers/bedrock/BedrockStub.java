package dev.llmgw.gateway.providers.bedrock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * A Bedrock runtime endpoint for translator tests: records the request the AWS SDK sent
 * and answers with a canned JSON body, an error, or event-stream frames, so that a test
 * sees the exact wire bytes on both sides.
 */
final class BedrockStub implements AutoCloseable {

	private final HttpServer server;

	private volatile byte[] lastBody = new byte[0];

	private volatile String lastPath = "";

	private volatile Answer answer = Answer.json(200, "{}");

	BedrockStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	void answer(Answer next) {
		this.answer = next;
	}

	String lastBody() {
		return new String(this.lastBody, StandardCharsets.UTF_8);
	}

	String lastPath() {
		return this.lastPath;
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.lastPath = exchange.getRequestURI().getRawPath();
		this.lastBody = exchange.getRequestBody().readAllBytes();
		Answer current = this.answer;
		current.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] body = current.body();
		exchange.sendResponseHeaders(current.status(), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Answer(int status, Map<String, String> headers, byte[] body) {

		static Answer json(int status, String json) {
			return new Answer(status, Map.of("Content-Type", "application/json"),
					json.getBytes(StandardCharsets.UTF_8));
		}

		static Answer error(int status, String type, String message) {
			return new Answer(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", type),
					("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * @param events pairs of event type and JSON payload, in order
		 */
		static Answer events(List<String[]> events) {
			ByteArrayOutputStream frames = new ByteArrayOutputStream();
			for (String[] event : events) {
				Map<String, HeaderValue> headers = new LinkedHashMap<>();
				headers.put(":message-type", HeaderValue.fromString("event"));
				headers.put(":event-type", HeaderValue.fromString(event[0]));
				headers.put(":content-type", HeaderValue.fromString("application/json"));
				new Message(headers, event[1].getBytes(StandardCharsets.UTF_8)).encode(frames);
			}
			return new Answer(200, Map.of("Content-Type", "application/vnd.amazon.eventstream"), frames.toByteArray());
		}

	}

}
