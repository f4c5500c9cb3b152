package dev.llmgw.gateway.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never costs the process its memory: the packaged jar on a small heap, with
 * the image's JVM flags (which exit on the first OutOfMemoryError), takes eight
 * concurrent bodies at the default per-request limit, half of them chunked. The ones its
 * in-flight budget cannot hold are refused with 503, {@code Retry-After} and an OpenAI
 * error body, and the gateway still answers a normal chat call afterwards.
 */
class RequestBodyMemoryJarTests {

	private static final int CONCURRENT = 8;

	/** Under the budget of a 128 MB heap (16 MB), two of them over it. */
	private static final int BODY_BYTES = 12 * 1024 * 1024;

	@TempDir
	Path dir;

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void concurrentMaximalBodiesAreRefusedBeyondTheBudgetAndTheGatewayLives() throws Exception {
		Path config = this.dir.resolve("config.yaml");
		// the model answers after a second, so that admitted bodies are still held while
		// the others arrive
		Files.writeString(config,
				"""
						model_list:
						  - model_name: slow-model
						    litellm_params: {model: "openai/fake;reply=ok;latency_ms=1000", api_base: os.environ/UPSTREAM, api_key: k}
						  - model_name: jar-model
						    litellm_params: {model: openai/jar-model, api_base: os.environ/UPSTREAM, api_key: k}
						""");
		int port = GatewayJar.freePort();
		Process gateway = GatewayJar.start(this.dir,
				Map.of("SERVER_PORT", Integer.toString(port), "CONFIG_FILE_PATH", config.toString(),
						"LITELLM_MASTER_KEY", "sk-memory-master", "UPSTREAM", FakeLlmServerProcess.shared().baseUrl()),
				List.of("-Xmx128m", "-XX:+UseZGC", "-XX:+ExitOnOutOfMemoryError"));
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			GatewayJar.awaitLive(client, port, gateway, this.dir);
			byte[] body = maximalChat();
			List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < CONCURRENT; i++) {
				// half declare their length, half are sent chunked
				HttpRequest.BodyPublisher publisher = (i % 2 == 0) ? HttpRequest.BodyPublishers.ofByteArray(body)
						: HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
				calls.add(client.sendAsync(chat(port).POST(publisher).build(), HttpResponse.BodyHandlers.ofString()));
			}
			List<Integer> statuses = new ArrayList<>();
			List<HttpResponse<String>> refused = new ArrayList<>();
			List<String> failures = new ArrayList<>();
			for (CompletableFuture<HttpResponse<String>> call : calls) {
				try {
					HttpResponse<String> response = call.get(2, TimeUnit.MINUTES);
					statuses.add(response.statusCode());
					if (response.statusCode() == 503) {
						refused.add(response);
					}
				}
				catch (java.util.concurrent.ExecutionException ex) {
					// a refusal may close the connection while the body is still being
					// sent
					statuses.add(-1);
					failures.add(ex.getCause().toString());
				}
			}
			assertThat(gateway.isAlive()).as("alive after %s; log: %s", statuses, tail(GatewayJar.log(this.dir)))
				.isTrue();
			assertThat(statuses)
				.as("each answered 200 or refused with 503 (or its connection closed while it was still sending): %s",
						failures)
				.allMatch((s) -> s == 200 || s == 503 || s == -1);
			assertThat(refused).as("some were refused: %s", statuses).isNotEmpty();
			for (HttpResponse<String> response : refused) {
				assertThat(response.headers().firstValue("Retry-After")).contains("1");
				assertThat(response.body()).contains("\"error\"").contains("\"code\":\"503\"").contains("retry after");
			}
			HttpResponse<String> normal = client.send(chat(port)
				.POST(HttpRequest.BodyPublishers.ofString(
						"{\"model\":\"jar-model\",\"messages\":[{\"role\":\"user\",\"content\":\"still here\"}]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(normal.statusCode()).as(normal.body()).isEqualTo(200);
			assertThat(normal.body()).contains("You said: still here");
			// a reservation is returned when its exchange has finished, a moment after
			// its
			// client has the whole answer: asked at once, a busy machine may still say
			// 503, so the large body is sent as a client honouring Retry-After sends it
			HttpResponse<String> large = null;
			for (int attempt = 0; attempt < 5; attempt++) {
				large = client.send(chat(port).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (large.statusCode() != 503) {
					break;
				}
				Thread.sleep(1000);
			}
			assertThat(large.statusCode()).as("the whole budget is free again: %s", large.body()).isEqualTo(200);
		}
		finally {
			gateway.destroy();
			if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
				gateway.destroyForcibly();
			}
		}
	}

	private static HttpRequest.Builder chat(int port) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
			.timeout(Duration.ofMinutes(2))
			.header("Authorization", "Bearer sk-memory-master")
			.header("Content-Type", "application/json");
	}

	/** A chat request of {@link #BODY_BYTES} bytes: one long user message. */
	private static byte[] maximalChat() {
		byte[] head = "{\"model\":\"slow-model\",\"messages\":[{\"role\":\"user\",\"content\":\""
			.getBytes(StandardCharsets.US_ASCII);
		byte[] tail = "\"}]}".getBytes(StandardCharsets.US_ASCII);
		byte[] body = new byte[BODY_BYTES];
		Arrays.fill(body, (byte) 'a');
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
		return body;
	}

	private static String tail(String log) {
		return log.substring(Math.max(0, log.length() - 4000));
	}

}
