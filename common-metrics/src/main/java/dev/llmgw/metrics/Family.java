package dev.llmgw.metrics;

import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * One metric family: its name, help text and label names, in order (the gateway's are
 * LiteLLM's). Counters are named without {@code _total}, which the exposition adds as
 * Python's client does; latencies are distribution summaries (a timer would add
 * {@code _seconds} to the name), their values in seconds.
 *
 * @param name the name before the exposition's suffixes
 * @param help the help text
 * @param labels the label names
 */
public record Family(String name, String help, List<String> labels) {

	public Family(String name, String help, String... labels) {
		this(name, help, List.of(labels));
	}

	public Counter counter(MeterRegistry registry, String... values) {
		return Counter.builder(this.name).description(this.help).tags(tags(values)).register(registry);
	}

	public DistributionSummary histogram(MeterRegistry registry, double[] buckets, String... values) {
		return DistributionSummary.builder(this.name)
			.description(this.help)
			.serviceLevelObjectives(buckets)
			.tags(tags(values))
			.register(registry);
	}

	/**
	 * A gauge that reads {@code value}, held strongly: the registry would otherwise let
	 * it be collected and report NaN.
	 */
	public Gauge gauge(MeterRegistry registry, Number value, String... values) {
		return Gauge.builder(this.name, value, Number::doubleValue)
			.description(this.help)
			.tags(tags(values))
			.strongReference(true)
			.register(registry);
	}

	public Tags tags(String... values) {
		if (values.length != this.labels.size()) {
			throw new IllegalArgumentException(
					this.name + " has " + this.labels.size() + " labels, not " + values.length);
		}
		Tag[] tags = new Tag[values.length];
		for (int i = 0; i < values.length; i++) {
			tags[i] = Tag.of(this.labels.get(i), values[i]);
		}
		return Tags.of(tags);
	}

	/**
	 * An enum constant as a label value: {@code CONVERSE_STREAM} is
	 * {@code converse_stream}.
	 */
	public static String label(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
