package dev.llmgw.gateway.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayHttp;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.metrics.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The settings that keep a request's end user (its {@code user}) out of the metrics'
 * {@code end_user} label even where {@code enable_end_user_cost_tracking_prometheus_only}
 * asks for it (MetricsIntegrationTests shows that setting alone). Each test starts a
 * gateway of its own.
 */
class EndUserLabelIntegrationTests {

	private static final String MASTER_KEY = "sk-end-user-label-master";

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@TempDir
	Path directory;

	@Test
	void disableEndUserCostTrackingKeepsTheEndUserLabelNone() throws Exception {
		assertThat(endUserLabels("""
				litellm_settings:
				  enable_end_user_cost_tracking_prometheus_only: true
				  disable_end_user_cost_tracking: true
				""")).containsOnly("None");
	}

	@Test
	void disableEndUserCostTrackingPrometheusOnlyKeepsTheEndUserLabelNone() throws Exception {
		assertThat(endUserLabels("""
				litellm_settings:
				  enable_end_user_cost_tracking_prometheus_only: true
				  disable_end_user_cost_tracking_prometheus_only: true
				""")).containsOnly("None");
	}

	/**
	 * The {@code end_user} labels of one call with an end user, made through a gateway
	 * with the given settings.
	 */
	private List<String> endUserLabels(String settings) throws Exception {
		Path config = Files.writeString(this.directory.resolve("config.yaml"), """
				model_list:
				  - model_name: chat
				    litellm_params: {model: "openai/end-user-chat", api_base: "%1$s", api_key: k}
				general_settings:
				  master_key: %2$s
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), MASTER_KEY) + settings);
		String endUser = "end-user-" + UUID.randomUUID();
		try (ConfigurableApplicationContext gateway = GatewayInstances.startWithConfig(config,
				"--gateway.data-dir=" + this.directory.resolve("data"))) {
			String base = GatewayInstances.baseUrl(gateway);
			String key = new AdminClient(base).post("/key/generate", MASTER_KEY, Map.of()).text("/key");
			String hash = KeyHashes.sha256Hex(key);
			Predicate<Map<String, String>> mine = (labels) -> hash.equals(labels.get("hashed_api_key"));
			HttpResponse<String> call = GatewayHttp.post(base, key, "/v1/chat/completions",
					"{\"model\":\"chat\",\"user\":\"" + endUser
							+ "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
			assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
			// a call is counted as its response ends, which may be just after the client
			// read it
			await().atMost(Duration.ofSeconds(5))
				.until(() -> scrape(base).sum("litellm_proxy_total_requests_metric_total", mine) == 1);
			String text = metrics(base);
			assertThat(text).as("the end user in no label").doesNotContain(endUser);
			return PrometheusText.parse(text)
				.samples("litellm_proxy_total_requests_metric_total", mine)
				.stream()
				.map((sample) -> sample.label("end_user"))
				.toList();
		}
	}

	private static PrometheusText scrape(String base) throws Exception {
		return PrometheusText.parse(metrics(base));
	}

	private static String metrics(String base) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
			.header("Authorization", "Bearer " + MASTER_KEY)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

}
