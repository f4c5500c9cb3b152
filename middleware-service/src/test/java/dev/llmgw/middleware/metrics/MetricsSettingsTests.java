package dev.llmgw.middleware.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.llmgw.middleware.MiddlewareApplication;
import dev.llmgw.metrics.PrometheusText;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings of {@code /metrics}, each on a middleware of its own: with
 * {@code METRICS_ENABLED=false} there is no endpoint and no meter; with
 * {@code MIDDLEWARE_METRICS_OPEN=true} anyone reads it, no key needed. Neither calls the
 * gateway, so none is started.
 */
class MetricsSettingsTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final String MASTER_KEY = "sk-metrics-settings-master";

	@TempDir
	Path directory;

	@Test
	void disabledMetricsHaveNoEndpointAndNoMeters() throws Exception {
		try (ConfigurableApplicationContext middleware = start("--middleware.metrics-enabled=false")) {
			HttpResponse<String> response = get(middleware, MASTER_KEY);
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(middleware.getBeansOfType(MeterRegistry.class)).isEmpty();
			assertThat(middleware.getBeansOfType(ConverseMetrics.class)).isEmpty();
		}
	}

	@Test
	void openMetricsNeedNoKey() throws Exception {
		try (ConfigurableApplicationContext middleware = start("--middleware.metrics-open=true")) {
			HttpResponse<String> response = get(middleware, null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValue("text/plain; version=0.0.4; charset=utf-8");
			PrometheusText metrics = PrometheusText.parse(response.body());
			// counters' families are named with _total in this format
			assertThat(metrics.families()).containsKeys("llmgw_middleware_converse_latency",
					"llmgw_middleware_okta_signups_total", "jvm_memory_used_bytes");
			assertThat(response.body()).doesNotContain(MASTER_KEY);
		}
	}

	private ConfigurableApplicationContext start(String setting) {
		return new SpringApplicationBuilder(MiddlewareApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--middleware.gateway-url=http://127.0.0.1:9",
				"--middleware.data-dir=" + this.directory, "--middleware.master-key=" + MASTER_KEY, setting);
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext middleware, String key) throws Exception {
		String port = middleware.getEnvironment().getProperty("local.server.port");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"));
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
