package dev.llmgw.gateway.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Publishing the metrics to CloudWatch (off unless {@code CLOUDWATCH_METRICS_ENABLED}):
 * the same LiteLLM counters and latency summaries as {@code /metrics}, each CloudWatch
 * metric costing money per set of dimensions, so only the labels named here become
 * dimensions and the others are summed away.
 *
 * @param enabled whether to publish ({@code CLOUDWATCH_METRICS_ENABLED})
 * @param namespace the CloudWatch namespace ({@code CLOUDWATCH_METRICS_NAMESPACE}), which
 * the task's role may write to alone
 * @param step how often to publish, each value covering one step
 * ({@code CLOUDWATCH_METRICS_STEP})
 * @param dimensions the labels kept as dimensions ({@code CLOUDWATCH_METRICS_DIMENSIONS},
 * comma-separated)
 */
@ConfigurationProperties("gateway.cloudwatch")
public record CloudWatchProperties(@DefaultValue("false") boolean enabled, @DefaultValue("LLMGateway") String namespace,
		@DefaultValue("60s") Duration step, @DefaultValue( {
				"requested_model", "model", "api_provider", "status_code",
				"exception_status" }) List<String> dimensions){

}
