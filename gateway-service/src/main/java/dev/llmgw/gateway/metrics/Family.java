package dev.llmgw.gateway.metrics;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * One metric family as LiteLLM registers it: its name, help text and label names, in
 * LiteLLM's order. Counters are named without {@code _total}, which the exposition adds
 * as Python's client does; histograms are distribution summaries (a timer would add
 * {@code _seconds} to the name), their values in seconds.
 *
 * @param name the name before the exposition's suffixes
 * @param help the help text
 * @param labels the label names
 */
record Family(String name, String help, List<String> labels) {

	Family(String name, String help, String... labels) {
		this(name, help, List.of(labels));
	}

	Counter counter(MeterRegistry registry, String... values) {
		return Counter.builder(this.name).description(this.help).tags(tags(values)).register(registry);
	}

	DistributionSummary histogram(MeterRegistry registry, double[] buckets, String... values) {
		return DistributionSummary.builder(this.name)
			.description(this.help)
			.serviceLevelObjectives(buckets)
			.tags(tags(values))
			.register(registry);
	}

	Tags tags(String... values) {
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

}
