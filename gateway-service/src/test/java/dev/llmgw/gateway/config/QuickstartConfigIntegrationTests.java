package dev.llmgw.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.TestGatewayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart's config.yaml, as shipped, answers what a new user's first calls ask
 * for: each of its models is served by the fake LLM server.
 */
class QuickstartConfigIntegrationTests {

	private static final String MASTER_KEY = "sk-1234";

	@TempDir
	static Path directory;

	private static ConfigurableApplicationContext gateway;

	private static AdminClient client;

	@BeforeAll
	static void startWithTheQuickstartConfig() throws IOException {
		FakeLlmServerProcess fake = FakeLlmServerProcess.shared();
		// the variables scripts/quickstart.sh exports, set in the config's own section
		String variables = """

				environment_variables:
				  FAKE_LLM_BASE_URL: "%s"
				  FAKE_LLM_ROOT_URL: "http://127.0.0.1:%d"
				  LITELLM_MASTER_KEY: "%s"
				""".formatted(fake.baseUrl(), fake.port(), MASTER_KEY);
		Path config = directory.resolve("config.yaml");
		Files.writeString(config, Files.readString(Path.of("../config/quickstart-config.yaml")) + variables);
		gateway = GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + TestGatewayConfig.dataDirectory());
		client = new AdminClient(GatewayInstances.baseUrl(gateway));
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
	}

	@Test
	void answersAnEmbeddingCallWithOpenAisDefaultModel() {
		AdminClient.Reply reply = client.post("/v1/embeddings", MASTER_KEY,
				Map.of("model", "text-embedding-3-small", "input", List.of("hello", "world")));
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.json().get("data")).hasSize(2);
		assertThat(reply.json().at("/data/0/embedding").size()).isPositive();
		assertThat(reply.text("/model")).contains("text-embedding-3-small");
	}

	@Test
	void answersAChatCall() {
		AdminClient.Reply reply = client.chat(MASTER_KEY, "gpt-4o-mini");
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
	}

}
