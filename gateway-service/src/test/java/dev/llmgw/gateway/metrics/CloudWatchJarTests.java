package dev.llmgw.gateway.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar publishing its metrics to CloudWatch as on ECS: the real AWS SDK's
 * PutMetricData (Smithy RPC v2 CBOR), pointed at the fake by the SDK's standard
 * {@code AWS_ENDPOINT_URL_CLOUDWATCH}. What arrives: the configured namespace, LiteLLM's
 * counters summing to the calls made, latency percentiles, only the configured
 * dimensions, and no gauge or JVM meter.
 */
class CloudWatchJarTests {

	private static final String MASTER_KEY = "sk-cloudwatch-master-0123";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final String fake = "http://127.0.0.1:" + FakeLlmServerProcess.shared().port();

	@TempDir
	Path dir;

	@Test
	void publishesLitellmCountersAndLatenciesWithTheConfiguredDimensions() throws Exception {
		String namespace = "LLMGatewayTest/" + UUID.randomUUID();
		Path config = this.dir.resolve("config.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: cw-chat
				    litellm_params: {model: "openai/cw-chat", api_base: "%s", api_key: k}
				general_settings:
				  master_key: %s
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), MASTER_KEY));
		int port = GatewayJar.freePort();
		Map<String, String> environment = new HashMap<>();
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("CONFIG_FILE_PATH", config.toString());
		environment.put("AWS_ENDPOINT_URL_CLOUDWATCH", this.fake);
		environment.put("AWS_ACCESS_KEY_ID", "AKIDFAKE");
		environment.put("AWS_SECRET_ACCESS_KEY", "fake-secret");
		environment.put("AWS_REGION", "us-east-1");
		environment.put("CLOUDWATCH_METRICS_ENABLED", "true");
		environment.put("CLOUDWATCH_METRICS_NAMESPACE", namespace);
		environment.put("CLOUDWATCH_METRICS_STEP", "1s");
		environment.put("CLOUDWATCH_METRICS_DIMENSIONS", "requested_model,status_code");
		Process gateway = GatewayJar.start(this.dir, environment);
		try {
			GatewayJar.awaitLive(this.client, port, gateway, this.dir);
			for (int i = 0; i < 5; i++) {
				assertThat(chat(port).statusCode()).isEqualTo(200);
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			double requests = 0;
			double answered = 0;
			Set<String> names = new HashSet<>();
			Set<String> dimensions = new HashSet<>();
			while (System.nanoTime() < deadline && (requests < 5 || !names.contains(percentile()))) {
				Thread.sleep(500);
				requests = 0;
				answered = 0;
				names.clear();
				dimensions.clear();
				for (JsonNode put : received()) {
					if (!namespace.equals(put.path("Namespace").asString())) {
						continue;
					}
					for (JsonNode datum : put.path("MetricData")) {
						String name = datum.path("MetricName").asString();
						names.add(name);
						datum.path("Dimensions").forEach((d) -> dimensions.add(d.path("Name").asString()));
						if (name.startsWith("litellm_proxy_total_requests_metric")) {
							requests += value(datum);
						}
						if (name.equals("litellm_gateway_responses.count")
								&& datum.path("Dimensions").toString().contains("2xx")) {
							answered += value(datum);
						}
					}
				}
			}
			assertThat(requests).as("the calls made, summed over the steps: " + names).isEqualTo(5);
			assertThat(answered).as("the alarms' series, by status class").isEqualTo(5);
			assertThat(names).as("the alarm's p99").contains("litellm_gateway_request_latency.percentile.value");
			assertThat(names).as("only LiteLLM's families").allMatch((name) -> name.startsWith("litellm_"));
			assertThat(names).contains(percentile());
			assertThat(names).noneMatch((name) -> name.startsWith("litellm_deployment_state"))
				.noneMatch((name) -> name.contains("_bucket") || name.contains(".histogram"));
			assertThat(dimensions).isSubsetOf("requested_model", "status_code", "phi", "status_class")
				.contains("requested_model");
		}
		finally {
			gateway.destroy();
			assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(GatewayJar.log(this.dir)).contains("published to CloudWatch namespace " + namespace)
			.doesNotContain("fake-secret");
	}

	private static String percentile() {
		return "litellm_request_total_latency_metric.percentile.value";
	}

	/** A datum's value: one Value, or the sum of its Values by their Counts. */
	private static double value(JsonNode datum) {
		if (datum.has("Value")) {
			return datum.path("Value").asDouble();
		}
		double sum = 0;
		JsonNode values = datum.path("Values");
		JsonNode counts = datum.path("Counts");
		for (int i = 0; i < values.size(); i++) {
			sum += values.get(i).asDouble() * (counts.has(i) ? counts.get(i).asDouble() : 1);
		}
		return sum;
	}

	private JsonNode received() throws Exception {
		return JSON.readTree(
				this.client
					.send(HttpRequest.newBuilder(URI.create(this.fake + "/fake/cloudwatch")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body());
	}

	private HttpResponse<String> chat(int port) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
			.header("Authorization", "Bearer " + MASTER_KEY)
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"model\":\"cw-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
