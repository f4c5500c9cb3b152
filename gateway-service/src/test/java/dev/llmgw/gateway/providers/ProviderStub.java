package dev.llmgw.gateway.providers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A provider endpoint for translator tests, on 127.0.0.1 and a free port: records the
 * request an adapter sent and answers with a canned JSON body, an error, or server-sent
 * events, so that a test sees the exact wire bytes on both sides.
 */
public final class ProviderStub implements AutoCloseable {

	private final HttpServer server;

	private volatile byte[] lastBody = new byte[0];

	private volatile String lastUri = "";

	private volatile Headers lastHeaders = new Headers();

	private volatile Answer answer = Answer.json(200, "{}");

	public ProviderStub() {
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

	public String lastBody() {
		return new String(this.lastBody, StandardCharsets.UTF_8);
	}

	/** The raw path and query of the last request. */
	public String lastUri() {
		return this.lastUri;
	}

	public String lastHeader(String name) {
		return this.lastHeaders.getFirst(name);
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.lastUri = exchange.getRequestURI().getRawPath() + ((exchange.getRequestURI().getRawQuery() != null)
				? "?" + exchange.getRequestURI().getRawQuery() : "");
		this.lastHeaders = exchange.getRequestHeaders();
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

	public record Answer(int status, Map<String, String> headers, byte[] body) {

		public static Answer json(int status, String json) {
			return json(status, json, Map.of());
		}

		public static Answer json(int status, String json, Map<String, String> headers) {
			Map<String, String> all = new LinkedHashMap<>(headers);
			all.put("Content-Type", "application/json");
			return new Answer(status, all, json.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * @param events whole events as they go on the wire, each without its final blank
		 * line, e.g. {@code "event: x\ndata: {...}"}
		 */
		public static Answer sse(List<String> events) {
			StringBuilder body = new StringBuilder();
			for (String event : events) {
				body.append(event).append("\r\n\r\n");
			}
			return new Answer(200, Map.of("Content-Type", "text/event-stream"),
					body.toString().getBytes(StandardCharsets.UTF_8));
		}

	}

}
