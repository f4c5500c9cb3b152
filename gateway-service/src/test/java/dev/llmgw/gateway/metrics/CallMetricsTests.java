package dev.llmgw.gateway.metrics;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.CallRecord;
import dev.llmgw.metrics.PrometheusText;
import dev.llmgw.model.openai.Usage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics listener against what a hostile or careless caller sends: values it chooses
 * cannot grow the registry without bound, and a value with line breaks, quotes or a NUL
 * byte still makes a valid exposition.
 */
class CallMetricsTests {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	@AfterEach
	void close() {
		this.registry.close();
	}

	@Test
	void pastTheBoundEveryValueACallerChoosesIsFoldedIntoOther() {
		CallMetrics metrics = metrics(5);
		for (int i = 0; i < 200; i++) {
			// a wildcard route: the model, its deployment and the end user all the
			// caller's
			metrics.onCallEnd(record("openai/model-" + i, "deployment-" + i, "user-agent-" + i, 200, true));
		}
		PrometheusText text = PrometheusText.parse(this.registry.scrape());
		List<PrometheusText.Sample> requests = text.samples("litellm_proxy_total_requests_metric_total", (l) -> true);
		assertThat(requests).hasSizeLessThanOrEqualTo(6);
		assertThat(text.sum("litellm_proxy_total_requests_metric_total", (l) -> true)).as("no call lost")
			.isEqualTo(200);
		assertThat(text.sum("litellm_proxy_total_requests_metric_total", (l) -> "other".equals(l.get("user_agent"))
				&& "other".equals(l.get("requested_model")) && "other".equals(l.get("model_id"))))
			.isEqualTo(195);
		assertThat(text.samples("litellm_deployment_state", (l) -> true)).hasSizeLessThanOrEqualTo(5);
	}

	@Test
	void hostileLabelValuesStillMakeAValidExposition() {
		CallMetrics metrics = metrics(100);
		String hostile = "evil\"agent\\\nline two\u0000\u2028" + "x".repeat(10_000);
		metrics.onCallEnd(record("chat", "d1", hostile, 500, false));
		PrometheusText text = PrometheusText.parse(this.registry.scrape());
		String agent = text.samples("litellm_proxy_failed_requests_metric_total", (l) -> true)
			.get(0)
			.label("user_agent");
		assertThat(agent).startsWith("evil\"agent\\ line two")
			.hasSize(128)
			.doesNotContain("\n")
			.doesNotContain("\u0000");
		assertThat(text.sum("litellm_gateway_responses_total", (l) -> "5xx".equals(l.get("status_class"))))
			.isEqualTo(1);
	}

	private CallMetrics metrics(int bound) {
		return new CallMetrics(this.registry, Families.LATENCY_BUCKETS, true,
				new HeadroomMetrics(this.registry, new KeySpendTracker(), Clock.systemUTC()), bound);
	}

	private static CallRecord record(String model, String deployment, String userAgent, int status, boolean success) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		return new CallRecord("call", CallKind.CHAT, "hash", "alias", "user", "team", "end-" + userAgent.length(),
				model, model, deployment, model, "openai", "http://127.0.0.1:1/v1", now, 5, now, 10, Usage.of(2, 4),
				1e-6, false, null, List.of(), status, success, success ? null : "UpstreamError", CallRecord.Bodies.NONE,
				Map.of(), null, null, "/v1/chat/completions", "127.0.0.1", userAgent,
				new CallRecord.Timings(10_000_000, 1_000_000, 5_000_000), false);
	}

}
