package dev.llmgw.middleware.health;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The probes with no gateway behind the middleware: the process answers, the
 * gateway-aware paths say it is unreachable.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "middleware.gateway-url=http://127.0.0.1:1")
class HealthRoutesTests {

	@LocalServerPort
	private int port;

	@Test
	void theProcessAnswersWhileTheGatewayIsUnreachable() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
		client.get()
			.uri("/health/liveliness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("\"I'm alive!\"");
		for (String path : new String[] { "/bedrock/health/liveliness", "/" }) {
			client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody(String.class)
				.isEqualTo("{\"status\":\"unhealthy\",\"gateway\":\"unreachable\"}");
		}
		client.get().uri("/nothing-here").exchange().expectStatus().isNotFound();
	}

}
