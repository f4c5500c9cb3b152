package dev.llmgw.gateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A middleware that does not answer: chat that needs it fails in OpenAI's shape with a
 * gateway error, never a 500, and plain chat, served here, goes on.
 */
class MiddlewareDownIntegrationTests extends GatewayTestBase {

	private static final int CLOSED_PORT = closedPort();

	@DynamicPropertySource
	static void middleware(DynamicPropertyRegistry registry) {
		registry.add("gateway.middleware-url", () -> "http://127.0.0.1:" + CLOSED_PORT);
	}

	@Test
	void chatNeedingTheMiddlewareFailsAsABadGatewayWhilePlainChatGoesOn() {
		HttpResponse<String> handedOff = send(
				request("/v1/chat/completions").header("Authorization", "Bearer " + MASTER_KEY)
					.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"session_id\":\"s-1\","
							+ "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
					.build());
		assertThat(handedOff.statusCode()).isBetween(502, 504);
		assertThat(handedOff.body()).contains("\"error\"");
		HttpResponse<String> plain = send(
				request("/v1/chat/completions").header("Authorization", "Bearer " + MASTER_KEY)
					.POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "still here")))
					.build());
		assertThat(plain.statusCode()).isEqualTo(200);
	}

	/**
	 * Key and user admin with a gateway key is the gateway's own: only an Okta token's
	 * sign-up needs the middleware.
	 */
	@Test
	void keysAreMadeWithAGatewayKeyWhileTheMiddlewareIsDown() {
		HttpResponse<String> key = send(request("/key/generate").header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
		assertThat(key.body()).contains("\"key\":\"sk-");
		HttpResponse<String> okta = send(request("/user/new").header("Authorization", "Bearer eyJ.an.okta-token")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		assertThat(okta.statusCode()).as("an Okta token's sign-up is the middleware's").isEqualTo(502);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
