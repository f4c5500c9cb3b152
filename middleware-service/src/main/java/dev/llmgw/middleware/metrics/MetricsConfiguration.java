package dev.llmgw.middleware.metrics;

import dev.llmgw.metrics.ProcessMeters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Prometheus metrics, on unless {@code METRICS_ENABLED=false}
 * ({@code middleware.metrics-enabled}), as the gateway's: the registry, built here rather
 * than by Spring Boot's actuator (which the middleware does not carry), the watchers the
 * features tell what happens, the process's and pools' meters, and {@code GET /metrics}.
 * Off, none of these exist: the features are told nothing and {@code /metrics} is not
 * found.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "middleware", name = "metrics-enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(MetricsProperties.class)
public class MetricsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MetricsConfiguration.class);

	static final String PATH = "/metrics";

	@Bean(destroyMethod = "close")
	PrometheusMeterRegistry prometheusMeterRegistry() {
		return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
	}

	/**
	 * Also the filter that records each call when its response has ended.
	 */
	@Bean
	ConverseMetrics converseMetrics(PrometheusMeterRegistry registry) {
		return new ConverseMetrics(registry);
	}

	@Bean
	HistoryMetrics historyMetrics(PrometheusMeterRegistry registry) {
		return new HistoryMetrics(registry);
	}

	@Bean
	PromptMetrics promptMetrics(PrometheusMeterRegistry registry) {
		return new PromptMetrics(registry);
	}

	@Bean
	OktaMetrics oktaMetrics(PrometheusMeterRegistry registry) {
		return new OktaMetrics(registry);
	}

	/**
	 * @param database chat history's pool
	 */
	@Bean(destroyMethod = "close")
	ProcessMeters processMeters(PrometheusMeterRegistry registry, ObjectProvider<ConnectionPool> database) {
		return new ProcessMeters(registry, database.getIfAvailable(), "middleware");
	}

	@Bean
	RouterFunction<ServerResponse> metricsRoutes(PrometheusMeterRegistry registry, MetricsProperties properties,
			JsonMapper mapper) {
		MetricsAccess access = new MetricsAccess(properties.metricsOpen(), properties.masterKey());
		if (access.open()) {
			log.info("Metrics: GET {} open to anyone (MIDDLEWARE_METRICS_OPEN=true)", PATH);
		}
		else if (access.closed()) {
			log.warn("Metrics: GET {} refuses every scrape: it takes the master key, and LITELLM_MASTER_KEY is not set "
					+ "(or set MIDDLEWARE_METRICS_OPEN=true, or METRICS_ENABLED=false)", PATH);
		}
		else {
			log.info("Metrics: GET {} (the master key)", PATH);
		}
		MetricsEndpoint endpoint = new MetricsEndpoint(registry, access, mapper);
		return RouterFunctions.route().GET(PATH, endpoint::scrape).GET(PATH + "/", endpoint::scrape).build();
	}

}
