package dev.llmgw.gateway.metrics;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.llmgw.gateway.config.CloudWatchProperties;
import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * The CloudWatch side of the metrics: a Micrometer CloudWatch registry that receives the
 * same call meters as Prometheus but publishes only what is worth paying for: LiteLLM's
 * counters and latency summaries (count, sum, average, maximum, and p50 and p99 of the
 * total and provider latencies), with only the configured labels as dimensions (the
 * others summed away), every step. Gauges (budgets per key, deployment state) stay in
 * Prometheus: summed across dropped labels they would mean nothing. The SDK finds the
 * region, the credentials (the task's or pod's role) and an endpoint override
 * ({@code AWS_ENDPOINT_URL_CLOUDWATCH}) in its usual places.
 */
final class CloudWatchPublisher {

	/**
	 * The latency summaries CloudWatch gets percentiles of (dashboards and alarms use
	 * p99).
	 */
	static final Set<String> PERCENTILE_SUMMARIES = Set.of(Families.TOTAL_LATENCY.name(),
			Families.LLM_API_LATENCY.name(), Families.TIME_TO_FIRST_TOKEN.name(), Families.LATENCY.name());

	private static final String PREFIX = "litellm_";

	private static final String PERCENTILE_SUFFIX = ".percentile";

	private CloudWatchPublisher() {
	}

	static CloudWatchMeterRegistry create(CloudWatchProperties properties) {
		CloudWatchConfig config = new CloudWatchConfig() {

			@Override
			public @Nullable String get(String key) {
				return null;
			}

			@Override
			public String namespace() {
				return properties.namespace();
			}

			@Override
			public Duration step() {
				return properties.step();
			}

		};
		CloudWatchMeterRegistry registry = new CloudWatchMeterRegistry(config, Clock.SYSTEM,
				CloudWatchAsyncClient.create());
		Set<String> dimensions = new HashSet<>(properties.dimensions());
		// the percentile gauges the registry adds itself are told apart by this tag; the
		// service-wide responses by their status class, which the alarms read
		dimensions.add("phi");
		dimensions.addAll(Families.RESPONSES.labels());
		registry.config()
			.meterFilter(MeterFilter.denyUnless(CloudWatchPublisher::published))
			.meterFilter(new MeterFilter() {

				@Override
				public Meter.Id map(Meter.Id id) {
					List<Tag> kept = id.getTags()
						.stream()
						.filter((tag) -> dimensions.contains(tag.getKey()))
						.map(CloudWatchPublisher::dimension)
						.toList();
					return id.replaceTags(kept);
				}

				@Override
				public @Nullable DistributionStatisticConfig configure(Meter.Id id,
						DistributionStatisticConfig statistics) {
					if (id.getType() != Meter.Type.DISTRIBUTION_SUMMARY) {
						return statistics;
					}
					// no histogram buckets in CloudWatch (each would be a metric); p50
					// and
					// p99 of the latencies that dashboards and alarms read
					DistributionStatisticConfig.Builder own = DistributionStatisticConfig.builder()
						.serviceLevelObjectives(new double[0])
						.percentilesHistogram(false);
					if (PERCENTILE_SUMMARIES.contains(id.getName())) {
						own.percentiles(0.5, 0.99).percentilePrecision(1);
					}
					else {
						own.percentiles(new double[0]);
					}
					return own.build().merge(statistics);
				}

			});
		return registry;
	}

	/**
	 * CloudWatch refuses a whole PutMetricData batch for one dimension value that is not
	 * printable ASCII, so such a value (a caller's model name, say) is published as
	 * {@code other}.
	 */
	static Tag dimension(Tag tag) {
		String value = tag.getValue();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				return Tag.of(tag.getKey(), "other");
			}
		}
		return value.isBlank() ? Tag.of(tag.getKey(), "None") : tag;
	}

	private static boolean published(Meter.Id id) {
		if (!id.getName().startsWith(PREFIX)) {
			return false;
		}
		return id.getType() == Meter.Type.COUNTER || id.getType() == Meter.Type.DISTRIBUTION_SUMMARY
				|| id.getName().endsWith(PERCENTILE_SUFFIX);
	}

}
