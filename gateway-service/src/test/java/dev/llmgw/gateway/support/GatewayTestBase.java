package dev.llmgw.gateway.support;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A gateway on a random loopback port running {@link TestGatewayConfig}, whose models the
 * shared fake LLM server serves; plus a plain JDK HTTP client, so that tests see exactly
 * the bytes on the wire.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class GatewayTestBase {

	protected static final String MASTER_KEY = TestGatewayConfig.MASTER_KEY;

	// HTTP/1.1 as the SDKs speak it: the JDK client would otherwise try an h2c upgrade on
	// each new connection
	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		registry.add("gateway.config-file-path", () -> TestGatewayConfig.path().toString());
		registry.add("server.address", () -> "127.0.0.1");
		// made here, once per context: a supplier that made it would make a new directory
		// each time the property is read
		String dataDirectory = TestGatewayConfig.dataDirectory().toString();
		registry.add("gateway.data-dir", () -> dataDirectory);
	}

	protected String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	protected HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20));
	}

	protected HttpResponse<String> post(String path, String json) {
		return send(request(path).header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	protected HttpResponse<String> get(String path) {
		return send(request(path).header("Authorization", "Bearer " + MASTER_KEY).GET().build());
	}

	protected static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.net.http.HttpTimeoutException ex) {
			ThreadDump.print("request timed out: " + ex.getMessage());
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
		try {
			return HTTP.send(request, handler);
		}
		catch (java.net.http.HttpTimeoutException ex) {
			ThreadDump.print("request timed out: " + ex.getMessage());
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected static String chat(String model, String content) {
		return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
	}

	protected static String streamChat(String model, String content, boolean includeUsage) {
		return "{\"model\":\"" + model + "\",\"stream\":true"
				+ (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "")
				+ ",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
	}

}
