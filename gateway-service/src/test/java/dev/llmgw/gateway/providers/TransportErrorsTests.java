package dev.llmgw.gateway.providers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.error.UpstreamUnavailableError;
import dev.llmgw.gateway.routing.ModelRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A provider that resets the connection after reading a request (a crashed process, a
 * load balancer dropping it): the caller gets LiteLLM's APIConnectionError, which the
 * router may retry, and not a 500 "internal error" logged as a fault of the gateway.
 */
class TransportErrorsTests {

	private ServerSocket server;

	private Thread acceptor;

	private UpstreamClient client;

	@BeforeEach
	void resettingServer() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(() -> {
			while (!this.server.isClosed()) {
				try (Socket socket = this.server.accept()) {
					readHead(socket.getInputStream());
					// a close with unread data or zero linger sends a reset
					socket.setSoLinger(true, 0);
				}
				catch (IOException ex) {
					// closed by the test
				}
			}
		}, "resetting-provider");
		this.acceptor.start();
		this.client = new UpstreamClient(Duration.ofSeconds(2), 4, Duration.ofSeconds(30));
	}

	@AfterEach
	void stop() throws Exception {
		this.server.close();
		this.acceptor.join(5_000);
		this.client.dispose();
	}

	@Test
	void aResetIsAConnectionErrorOfTheProviderForJsonAndStreams() {
		Deployment deployment = deployment();
		String url = "http://127.0.0.1:" + this.server.getLocalPort() + "/v1/chat/completions";
		ProviderHttp http = new ProviderHttp(this.client);
		ProviderErrors errors = (status, body, retryAfter) -> new UpstreamError(status, "x", "status " + status, null);
		Throwable json = catchThrowable(
				() -> http.postJson(deployment, url, Map.of(), "{}".getBytes(StandardCharsets.UTF_8), errors)
					.block(Duration.ofSeconds(10)));
		assertConnectionError(json);
		StreamTranslator nothing = new StreamTranslator() {
			@Override
			public List<byte[]> onEvent(SseEvent event) {
				return List.of();
			}

			@Override
			public List<byte[]> onEnd() {
				return List.of();
			}
		};
		Throwable stream = catchThrowable(
				() -> http.postSse(deployment, url, Map.of(), "{}".getBytes(StandardCharsets.UTF_8), errors, nothing)
					.blockLast(Duration.ofSeconds(10)));
		assertConnectionError(stream);
	}

	@Test
	void otherInputOutputErrorsStayTheGatewaysOwn() {
		NoSuchFileException spoolGone = new NoSuchFileException("/tmp/upload-1");
		assertThat(TransportErrors.map(spoolGone, deployment(), false)).isSameAs(spoolGone);
		assertThat(TransportErrors.map(new java.net.SocketException("Connection reset"), deployment(), true))
			.isInstanceOf(UpstreamUnavailableError.class)
			.hasMessage("litellm.APIConnectionError: the connection to openai (model m) failed: Connection reset");
		assertThat(TransportErrors.map(new java.nio.channels.NotYetConnectedException(), deployment(), true))
			.isInstanceOf(UpstreamUnavailableError.class)
			.hasMessageContaining("no longer connected");
		assertThat(TransportErrors.map(new java.net.SocketException(), deployment(), false))
			.hasMessageEndingWith("failed: SocketException");
	}

	private static void assertConnectionError(Throwable error) {
		assertThat(error).isInstanceOf(UpstreamUnavailableError.class);
		assertThat(((GatewayError) error).isRetryable()).isTrue();
		assertThat(error.getMessage()).startsWith("litellm.APIConnectionError: ")
			.contains("openai (model m)")
			.doesNotContain("127.0.0.1");
	}

	private static Deployment deployment() {
		String yaml = "model_list:\n  - model_name: m\n    litellm_params: {model: openai/gpt-4o, api_key: k, "
				+ "api_base: \"http://127.0.0.1:9/v1\"}\n";
		return new ModelRegistry(new ConfigLoader(EnvironmentLookup.of(Map.of())).parse(yaml, "test")).find("m")
			.deployments()
			.get(0);
	}

	private static void readHead(InputStream in) throws IOException {
		int matched = 0;
		byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
		while (matched < end.length) {
			int b = in.read();
			if (b < 0) {
				return;
			}
			matched = (b == end[matched]) ? matched + 1 : ((b == end[0]) ? 1 : 0);
		}
	}

}
