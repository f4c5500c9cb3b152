package dev.llmgw.gateway.tracing;

import java.util.Map;

import dev.llmgw.gateway.config.GatewayConfig;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Traces with {@code callbacks: ["otel"]} (or {@code success_callback} /
 * {@code failure_callback}): the SDK, the filter that opens each request's span and the
 * listener that finishes a model call's. Without the callback the filter and listener
 * beans are absent, so requests pass no tracing code at all.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TracingConfiguration.class);

	/** LiteLLM's tracer name. */
	static final String TRACER = "litellm";

	@Bean(destroyMethod = "close")
	TracingHolder tracing(GatewayConfig config, Environment environment) {
		if (!config.litellmSettings().hasCallback("otel")) {
			return new TracingHolder(null);
		}
		Map<String, String> properties = OtelSettings.properties(environment);
		OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
			.addPropertiesSupplier(() -> properties)
			.disableShutdownHook()
			.build()
			.getOpenTelemetrySdk();
		String endpoint = OtelSettings.shown(properties.getOrDefault("otel.exporter.otlp.traces.endpoint",
				properties.getOrDefault("otel.exporter.otlp.endpoint", "(none)")));
		log.info("Traces: callbacks otel, exporter {}, endpoint {}, service {}, prompt and answer text {}",
				properties.get("otel.traces.exporter"), endpoint, properties.get("otel.service.name"),
				OtelSettings.captureContent(environment) ? "recorded" : "not recorded");
		return new TracingHolder(sdk);
	}

	@Bean
	@Nullable TracingFilter tracingFilter(TracingHolder tracing, GatewayConfig config) {
		OpenTelemetrySdk sdk = tracing.sdk();
		boolean toProviders = Boolean.TRUE
			.equals(config.litellmSettings().raw().get("forward_traceparent_to_llm_provider"));
		return (sdk != null)
				? new TracingFilter(sdk.getTracer(TRACER), sdk.getPropagators().getTextMapPropagator(), toProviders)
				: null;
	}

	@Bean
	@Nullable CallSpans callSpans(TracingHolder tracing, Environment environment) {
		OpenTelemetrySdk sdk = tracing.sdk();
		return (sdk != null) ? new CallSpans(sdk.getTracer(TRACER), OtelSettings.captureContent(environment)) : null;
	}

	/** The SDK, or none without the callback; closing it exports what is queued. */
	record TracingHolder(@Nullable OpenTelemetrySdk sdk) implements AutoCloseable {

		@Override
		public void close() {
			if (this.sdk != null) {
				this.sdk.close();
			}
		}

	}

}
