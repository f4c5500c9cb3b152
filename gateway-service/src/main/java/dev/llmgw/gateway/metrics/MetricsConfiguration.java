package dev.llmgw.gateway.metrics;

import java.time.Clock;
import java.util.List;

import dev.llmgw.metrics.ProcessMeters;
import dev.llmgw.gateway.config.CloudWatchProperties;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.MetricsSettings;
import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.auth.OpenPath;
import dev.llmgw.gateway.providers.ProviderRegistry;
import dev.llmgw.gateway.routing.Cooldowns;
import dev.llmgw.gateway.routing.ModelRegistry;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Prometheus metrics, on unless {@code METRICS_ENABLED=false}: the registry, the call
 * listener that fills LiteLLM's families, the process's and pools' meters, and
 * {@code GET /metrics}. Off, none of these exist and {@code /metrics} is not found.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "gateway", name = "metrics-enabled", havingValue = "true", matchIfMissing = true)
public class MetricsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MetricsConfiguration.class);

	static final String PATH = "/metrics";

	@Bean(destroyMethod = "close")
	PrometheusMeterRegistry prometheusMeterRegistry() {
		return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
	}

	/**
	 * The CloudWatch registry when {@code CLOUDWATCH_METRICS_ENABLED}; closing it
	 * publishes the last step.
	 */
	@Bean(destroyMethod = "close")
	CloudWatchHolder cloudWatchRegistry(CloudWatchProperties properties) {
		if (!properties.enabled()) {
			return new CloudWatchHolder(null);
		}
		log.info("Metrics: published to CloudWatch namespace {} every {} s, dimensions {}", properties.namespace(),
				properties.step().toSeconds(), properties.dimensions());
		return new CloudWatchHolder(CloudWatchPublisher.create(properties));
	}

	@Bean
	CallMetrics callMetrics(PrometheusMeterRegistry prometheus, CloudWatchHolder cloudWatch, GatewayConfig config,
			Cooldowns cooldowns, KeySpendTracker keySpend, Clock clock, ModelRegistry models,
			ProviderRegistry providers) {
		DeploymentLimits.register(prometheus, models.deployments());
		MeterRegistry registry = (cloudWatch.registry() != null) ? new CompositeMeterRegistry(
				io.micrometer.core.instrument.Clock.SYSTEM, List.of(prometheus, cloudWatch.registry())) : prometheus;
		MetricsSettings settings = config.litellmSettings().metrics();
		List<Double> configured = settings.latencyBuckets();
		double[] buckets = (configured != null) ? configured.stream().mapToDouble(Double::doubleValue).toArray()
				: Families.LATENCY_BUCKETS;
		CallMetrics metrics = new CallMetrics(registry, buckets, settings.endUserLabels(),
				new HeadroomMetrics(registry, keySpend, clock, providers.headroom()));
		cooldowns.watch(metrics);
		log.info("Metrics: GET {} ({})", PATH, switch (settings.access()) {
			case OPEN -> "open to anyone: require_auth_for_metrics_endpoint is false";
			case KEY -> "any valid key";
			case ADMIN -> "admin keys only";
		});
		return metrics;
	}

	@Bean(destroyMethod = "close")
	ProcessMeters processMeters(PrometheusMeterRegistry registry, ObjectProvider<ConnectionPool> database) {
		return new ProcessMeters(registry, database.getIfAvailable(), "gateway");
	}

	/**
	 * Lettuce's command timers, without client-side percentiles (they cost per command).
	 */
	@Bean
	CommandLatencyRecorder redisCommandLatencies(PrometheusMeterRegistry registry) {
		return new MicrometerCommandLatencyRecorder(registry,
				MicrometerOptions.builder().histogram(false).targetPercentiles(new double[0]).build());
	}

	@Bean
	InFlightRequests inFlightRequests(PrometheusMeterRegistry registry) {
		return new InFlightRequests(registry);
	}

	/**
	 * Authentication lets {@code /metrics} through without a key when the setting says.
	 */
	@Bean
	OpenPath openMetrics(GatewayConfig config) {
		boolean open = config.litellmSettings().metrics().access() == MetricsSettings.Access.OPEN;
		return (path) -> open && (PATH.equals(path) || (PATH + "/").equals(path));
	}

	@Bean
	RouterFunction<ServerResponse> metricsRoutes(PrometheusMeterRegistry registry, GatewayConfig config) {
		MetricsEndpoint endpoint = new MetricsEndpoint(registry, config.litellmSettings().metrics().access());
		return RouterFunctions.route().GET(PATH, endpoint::scrape).GET(PATH + "/", endpoint::scrape).build();
	}

	/** The CloudWatch registry, or none. */
	record CloudWatchHolder(@Nullable CloudWatchMeterRegistry registry) implements AutoCloseable {

		@Override
		public void close() {
			if (this.registry != null) {
				this.registry.close();
			}
		}

	}

}
