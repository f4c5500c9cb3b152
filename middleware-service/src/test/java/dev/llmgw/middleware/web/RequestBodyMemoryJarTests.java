package dev.llmgw.middleware.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.llmgw.middleware.support.LocalStack;
import dev.llmgw.middleware.support.MiddlewareJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never costs the middleware its memory: the packaged jar on a small heap, with
 * the image's JVM flags (which exit on the first OutOfMemoryError), takes eight
 * concurrent bodies each as large as its in-flight budget holds (an eighth of 128 MB), on
 * the OpenAI pass-through and on Converse, half of them chunked. The ones the budget
 * cannot hold are refused with 503 and {@code Retry-After}, in OpenAI's error shape on
 * the OpenAI route and Bedrock's on Converse; afterwards the middleware answers a normal
 * chat call and a large body again (every reservation was given back). Before the budget,
 * the same calls dropped every connection.
 */
class RequestBodyMemoryJarTests {

	private static final int CONCURRENT = 8;

	/** Under the budget of a 128 MB heap (16 MB), two of them over it. */
	private static final int BODY_BYTES = 12 * 1024 * 1024;

	private static final String REFUSAL = "The middleware is busy reading other large requests";

	@TempDir
	Path dir;

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void concurrentLargeBodiesAreRefusedBeyondTheBudgetAndTheMiddlewareLives() throws Exception {
		String gateway = LocalStack.shared().gatewayUrl();
		int port = MiddlewareJar.freePort();
		Process middleware = MiddlewareJar.start(this.dir,
				Map.of("SERVER_PORT", Integer.toString(port), "SERVER_ADDRESS", "127.0.0.1", "GATEWAY_URL", gateway),
				List.of("-Xmx128m", "-XX:+UseZGC", "-XX:+ExitOnOutOfMemoryError"));
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			MiddlewareJar.awaitLive(client, port, middleware, this.dir);
			byte[] chat = large("{\"model\":\"quiet\",\"messages\":[{\"role\":\"user\",\"content\":\"", "\"}]}");
			byte[] converse = large("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"", "\"}]}]}");
			List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < CONCURRENT; i++) {
				boolean bedrock = i % 4 >= 2;
				byte[] body = bedrock ? converse : chat;
				// half declare their length, half are sent chunked
				HttpRequest.BodyPublisher publisher = (i % 2 == 0) ? HttpRequest.BodyPublishers.ofByteArray(body)
						: HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
				HttpRequest.Builder request = bedrock ? converse(port) : chat(port);
				calls.add(client.sendAsync(request.POST(publisher).build(), HttpResponse.BodyHandlers.ofString()));
			}
			List<String> outcomes = new ArrayList<>();
			List<HttpResponse<String>> refused = new ArrayList<>();
			for (CompletableFuture<HttpResponse<String>> call : calls) {
				try {
					HttpResponse<String> response = call.get(2, TimeUnit.MINUTES);
					outcomes.add(response.statusCode() + " " + response.uri().getPath());
					if (response.statusCode() == 503 && response.body().contains(REFUSAL)) {
						refused.add(response);
					}
				}
				catch (ExecutionException ex) {
					// a refusal may close the connection while the body is still being
					// sent
					outcomes.add(ex.getCause().toString());
				}
			}
			assertThat(middleware.isAlive()).as("alive after %s; log: %s", outcomes, tail(MiddlewareJar.log(this.dir)))
				.isTrue();
			assertThat(refused).as("some were refused by the middleware: %s", outcomes).isNotEmpty();
			for (HttpResponse<String> response : refused) {
				assertThat(response.headers().firstValue("Retry-After")).contains("1");
				if (response.uri().getPath().startsWith("/bedrock/")) {
					assertThat(response.headers().firstValue("x-amzn-ErrorType"))
						.contains("ServiceUnavailableException");
					assertThat(response.body()).startsWith("{\"message\":");
				}
				else {
					assertThat(response.body()).contains("\"error\"").contains("\"code\":\"503\"");
				}
			}
			HttpResponse<String> normal = client.send(chat(port)
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"still here\"}]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(normal.statusCode()).as(normal.body()).isEqualTo(200);
			assertThat(normal.body()).contains("You said: still here");
			HttpResponse<String> large = client.send(
					converse(port).POST(HttpRequest.BodyPublishers.ofByteArray(converse)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(large.statusCode()).as("the whole budget is free again: %s", large.body()).isEqualTo(200);
		}
		finally {
			middleware.destroy();
			if (!middleware.waitFor(30, TimeUnit.SECONDS)) {
				middleware.destroyForcibly();
			}
		}
	}

	private static HttpRequest.Builder chat(int port) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
			.timeout(Duration.ofMinutes(2))
			.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
			.header("Content-Type", "application/json");
	}

	private static HttpRequest.Builder converse(int port) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bedrock/model/quiet/converse"))
			.timeout(Duration.ofMinutes(2))
			.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
			.header("Content-Type", "application/json");
	}

	/**
	 * A request of {@link #BODY_BYTES} bytes: one long user message between head and
	 * tail.
	 */
	private static byte[] large(String head, String tail) {
		byte[] body = new byte[BODY_BYTES];
		Arrays.fill(body, (byte) 'a');
		byte[] start = head.getBytes(StandardCharsets.US_ASCII);
		byte[] end = tail.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(start, 0, body, 0, start.length);
		System.arraycopy(end, 0, body, body.length - end.length, end.length);
		return body;
	}

	private static String tail(String log) {
		return log.substring(Math.max(0, log.length() - 4000));
	}

}
