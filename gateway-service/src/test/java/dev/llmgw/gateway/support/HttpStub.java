package dev.llmgw.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * A provider endpoint for translator tests: records the request the adapter sent and
 * answers with a canned JSON body, a Bedrock error, server-sent events or Bedrock
 * event-stream frames, so that a test sees the exact wire bytes on both sides.
 */
public final class HttpStub implements AutoCloseable {

	private final HttpServer server;

	private volatile byte[] lastBody = new byte[0];

	private volatile String lastPath = "";

	private volatile Map<String, String> lastHeaders = Map.of();

	private volatile Answer answer = Answer.json(200, "{}");

	private final Map<String, Answer> byPath = new ConcurrentHashMap<>();

	private final Map<String, byte[]> lastBodyByPath = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> countByPath = new ConcurrentHashMap<>();

	public HttpStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void answer(Answer next) {
		this.answer = next;
	}

	/**
	 * Answers requests to one path (without its query) with {@code next}, whatever
	 * {@link #answer} says, e.g. a token endpoint beside the API it authorises.
	 */
	public void answer(String path, Answer next) {
		this.byPath.put(path, next);
	}

	/** How many requests reached a path (without its query). */
	public int count(String path) {
		AtomicInteger count = this.countByPath.get(path);
		return (count != null) ? count.get() : 0;
	}

	/** The body of the last request to a path (without its query), empty when none. */
	public String lastBody(String path) {
		return new String(this.lastBodyByPath.getOrDefault(path, new byte[0]), StandardCharsets.UTF_8);
	}

	public String lastBody() {
		return new String(this.lastBody, StandardCharsets.UTF_8);
	}

	public String lastPath() {
		return this.lastPath;
	}

	/** The request headers of the last request, names in lower case. */
	public Map<String, String> lastHeaders() {
		return this.lastHeaders;
	}

	public String lastHeader(String name) {
		return this.lastHeaders.get(name.toLowerCase(java.util.Locale.ROOT));
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		byte[] body = exchange.getRequestBody().readAllBytes();
		this.countByPath.computeIfAbsent(path, (ignored) -> new AtomicInteger()).incrementAndGet();
		this.lastBodyByPath.put(path, body);
		Answer current = this.byPath.get(path);
		if (current == null) {
			this.lastPath = path + ((exchange.getRequestURI().getRawQuery() != null)
					? "?" + exchange.getRequestURI().getRawQuery() : "");
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
			this.lastHeaders = headers;
			this.lastBody = body;
			current = this.answer;
		}
		current.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] answer = current.body();
		exchange.sendResponseHeaders(current.status(), answer.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(answer);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	public record Answer(int status, Map<String, String> headers, byte[] body) {

		public static Answer json(int status, String json) {
			return new Answer(status, Map.of("Content-Type", "application/json"),
					json.getBytes(StandardCharsets.UTF_8));
		}

		public static Answer json(int status, String json, Map<String, String> headers) {
			Map<String, String> all = new LinkedHashMap<>(headers);
			all.put("Content-Type", "application/json");
			return new Answer(status, all, json.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * @param events whole events as they go on the wire, each without its final blank
		 * line, e.g. {@code "event: x\ndata: {...}"}; sent with CRLF line ends, which
		 * providers may use
		 */
		public static Answer sse(List<String> events) {
			StringBuilder body = new StringBuilder();
			for (String event : events) {
				body.append(event).append("\r\n\r\n");
			}
			return sse(body.toString());
		}

		public static Answer error(int status, String type, String message) {
			return new Answer(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", type),
					("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * @param events server-sent events, each already framed ({@code event: x\ndata:
		 * {...}\n\n})
		 */
		public static Answer sse(String events) {
			return new Answer(200, Map.of("Content-Type", "text/event-stream"),
					events.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * @param events pairs of Bedrock event type and JSON payload, in order
		 */
		public static Answer events(List<String[]> events) {
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
