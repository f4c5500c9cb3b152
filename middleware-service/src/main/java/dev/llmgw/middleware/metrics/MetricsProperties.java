package dev.llmgw.middleware.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read {@code /metrics}. Whether there are metrics at all is
 * {@code middleware.metrics-enabled} ({@code METRICS_ENABLED}), read by
 * {@link MetricsConfiguration}'s condition.
 *
 * @param metricsOpen anyone who reaches the port may read them
 * ({@code middleware.metrics-open}: {@code MIDDLEWARE_METRICS_OPEN})
 * @param masterKey the gateway's master key, the one key that may read them otherwise
 * ({@code middleware.master-key}: {@code LITELLM_MASTER_KEY})
 */
@ConfigurationProperties("middleware")
record MetricsProperties(@DefaultValue("false") boolean metricsOpen, @DefaultValue("") String masterKey) {

}
