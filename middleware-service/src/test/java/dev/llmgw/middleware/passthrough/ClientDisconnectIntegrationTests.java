package dev.llmgw.middleware.passthrough;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmgw.middleware.support.LocalStack;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that hang up in the middle of a stream, hundreds of times, on each streaming
 * path (the plain pass-through, a stream with history, ConverseStream): under Netty's
 * paranoid leak detection no buffer is left unreleased, and neither the middleware nor
 * the gateway behind it logs a warning or an error, since a caller going away is normal.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ClientDisconnectIntegrationTests {

	private static final ListAppender<ILoggingEvent> LOGGED = new ListAppender<>();

	private static ResourceLeakDetector.Level previousLevel;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("middleware.gateway-url", () -> LocalStack.shared().gatewayUrl());
		registry.add("server.address", () -> "127.0.0.1");
	}

	@BeforeAll
	static void paranoid() {
		previousLevel = ResourceLeakDetector.getLevel();
		// every buffer allocated from here on is tracked
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
	}

	/** After the context started: Spring Boot resets Logback's appenders as it starts. */
	@BeforeEach
	void capture() {
		LOGGED.start();
		root().addAppender(LOGGED);
	}

	@AfterAll
	static void restore() {
		root().detachAppender(LOGGED);
		ResourceLeakDetector.setLevel(previousLevel);
	}

	@Test
	void hangingUpMidStreamLeaksNoBufferAndLogsNoWarning() throws Exception {
		Path gatewayLog = LocalStack.shared().gatewayLog();
		long gatewayLogStart = Files.size(gatewayLog);
		LOGGED.list.clear();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				boolean reset = i % 2 == 0;
				calls.add(clients.submit(() -> hangUp("/v1/chat/completions",
						"{\"model\": \"long\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}",
						reset)));
			}
			for (int i = 0; i < 30; i++) {
				calls.add(clients.submit(() -> hangUp("/v1/chat/completions",
						"{\"model\": \"long\", \"stream\": true, \"enable_history\": true, "
								+ "\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}",
						false)));
				calls.add(clients.submit(() -> hangUp("/bedrock/model/long/converse-stream",
						"{\"messages\": [{\"role\": \"user\", \"content\": [{\"text\": \"x\"}]}]}", false)));
			}
			// and before the answer starts, on every route
			for (int i = 0; i < 10; i++) {
				String question = "\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]";
				calls.add(clients.submit(() -> hangUpEarly("/v1/chat/completions",
						"{\"model\": \"late\", \"stream\": true, " + question + "}")));
				calls.add(clients.submit(() -> hangUpEarly("/v1/chat/completions",
						"{\"model\": \"late\", \"enable_history\": true, " + question + "}")));
				String converse = "{\"messages\": [{\"role\": \"user\", \"content\": [{\"text\": \"x\"}]}]}";
				calls.add(clients.submit(() -> hangUpEarly("/bedrock/model/late/converse", converse)));
				calls.add(clients.submit(() -> hangUpEarly("/bedrock/model/late/converse-stream", converse)));
			}
			for (Future<?> call : calls) {
				call.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			clients.shutdownNow();
		}
		// leaks are found when their buffers are collected, and reported at a later
		// allocation: collect, then allocate with whole streams, twice
		for (int round = 0; round < 2; round++) {
			Thread.sleep(500);
			for (int i = 0; i < 3; i++) {
				System.gc();
				Thread.sleep(100);
			}
			for (int i = 0; i < 20; i++) {
				String whole = call("/v1/chat/completions",
						"{\"model\": \"claude\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"y\"}]}");
				assertThat(whole).contains("data: [DONE]");
			}
		}
		List<String> warnings = LOGGED.list.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.map((event) -> event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage())
			.toList();
		assertThat(warnings).as("LEAK records, warnings and errors of the middleware").isEmpty();
		String gatewayLines = Files.readString(gatewayLog).substring((int) gatewayLogStart);
		assertThat(gatewayLines.lines().filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")))
			.as("warnings and errors of the gateway")
			.isEmpty();
	}

	/**
	 * Sends a streaming call, reads its headers and 64 bytes of its body, and hangs up.
	 */
	private Void hangUp(String path, String body, boolean reset) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			if (reset) {
				// the close sends a reset, as a killed client does
				socket.setSoLinger(true, 0);
			}
			send(socket.getOutputStream(), path, body);
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				int b = in.read();
				if (b < 0) {
					throw new IOException("closed before the headers ended: " + head);
				}
				head.write(b);
			}
			if (!head.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200")) {
				// what went wrong, in the failure's message: the answer and the logs
				String answer = head + new String(in.readAllBytes(), StandardCharsets.UTF_8);
				throw new AssertionError("expected a 200 stream, got:\n" + answer + "\ngateway's errors:\n"
						+ errors(LocalStack.shared().gatewayLog()) + "\nthe fake provider's errors:\n"
						+ errors(LocalStack.shared().log("fake")));
			}
			in.readNBytes(64);
		}
		return null;
	}

	/**
	 * A log's ERROR lines and what follows each (a stack trace), for a failure's message.
	 */
	private static String errors(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			StringBuilder errors = new StringBuilder();
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).contains(" ERROR ")) {
					lines.subList(i, Math.min(lines.size(), i + 40))
						.forEach((line) -> errors.append(line).append('\n'));
				}
			}
			return errors.toString();
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	/** Sends a call and hangs up before its answer can have started. */
	private Void hangUpEarly(String path, String body) throws IOException, InterruptedException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			send(socket.getOutputStream(), path, body);
			Thread.sleep(300);
		}
		return null;
	}

	private String call(String path, String body) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			send(out, path, body);
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			// the chunked framing around the events
			return answer.substring(answer.indexOf("\r\n\r\n") + 4).replaceAll("\r\n[0-9a-f]+\r\n", "");
		}
	}

	private static void send(OutputStream out, String path, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + LocalStack.MASTER_KEY
				+ "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + bytes.length
				+ "\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		out.write(bytes);
		out.flush();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
