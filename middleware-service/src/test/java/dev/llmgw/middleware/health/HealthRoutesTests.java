package dev.llmgw.middleware.health;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HealthRoutesTests {

	@LocalServerPort
	private int port;

	@Test
	void bothLivenessPathsAnswer() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
		for (String path : new String[] { "/bedrock/health/liveliness", "/health/liveliness" }) {
			client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("\"I'm alive!\"");
		}
		client.get().uri("/nothing-here").exchange().expectStatus().isNotFound();
	}

}
