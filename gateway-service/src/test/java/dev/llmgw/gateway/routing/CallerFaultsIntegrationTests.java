package dev.llmgw.gateway.routing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures a caller brings on itself (a bad request, a timeout shorter than the
 * deployment's) never put a deployment to rest, as in LiteLLM: otherwise any key could
 * take a shared group out for everyone with a few requests a minute.
 */
class CallerFaultsIntegrationTests extends GatewayTestBase {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void badRequestsAndTheCallersOwnTimeoutsLeaveDeploymentsInService(@TempDir Path dir) throws Exception {
		Path config = Files.writeString(dir.resolve("config.yaml"), """
				model_list:
				  - model_name: picky
				    litellm_params: {model: "openai/picky-a;error=400", api_base: "%1$s", api_key: k}
				    model_info: {id: picky-a}
				  - model_name: picky
				    litellm_params: {model: openai/picky-b, api_base: "%1$s", api_key: k}
				    model_info: {id: picky-b}
				  - model_name: unhurried
				    litellm_params: {model: "openai/unhurried-a;latency_ms=400", api_base: "%1$s", api_key: k}
				  - model_name: unhurried
				    litellm_params: {model: "openai/unhurried-b;latency_ms=400", api_base: "%1$s", api_key: k}
				router_settings:
				  num_retries: 0
				  allowed_fails: 1
				  cooldown_time: 60
				general_settings:
				  master_key: %2$s
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), MASTER_KEY));
		try (ConfigurableApplicationContext gateway = GatewayInstances.startWithConfig(config,
				"--gateway.data-dir=" + dir.resolve("data"))) {
			String base = GatewayInstances.baseUrl(gateway);
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				statuses.add(chat(base, "picky", "").statusCode());
			}
			assertThat(statuses)
				.as("both deployments keep being picked; with picky-a at rest every call would be a 200")
				.contains(200, 400)
				.doesNotContain(429);
			assertThat(statuses.subList(20, 40)).as("still after twenty 400s: " + statuses).contains(400);
			for (int i = 0; i < 8; i++) {
				HttpResponse<String> response = chat(base, "unhurried", ",\"timeout\":0.05");
				assertThat(response.statusCode()).as("a 408, never every deployment at rest: " + response.body())
					.isEqualTo(408);
			}
			assertThat(chat(base, "unhurried", "").statusCode()).isEqualTo(200);
		}
	}

	private static HttpResponse<String> chat(String base, String model, String extra) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"model\":\"" + model + "\"" + extra + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
