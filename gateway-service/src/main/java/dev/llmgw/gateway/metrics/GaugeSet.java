package dev.llmgw.gateway.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.metrics.Family;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gauge family whose series are set by value (LiteLLM's
 * {@code Gauge.labels().set()}): each set of label values holds its last value. The sets
 * are bounded, since some label values (a user, a key) grow with the database; past the
 * bound new ones are not published, which is warned about once.
 */
final class GaugeSet {

	private static final Logger log = LoggerFactory.getLogger(GaugeSet.class);

	static final int MAX_SERIES = 50_000;

	private final Family family;

	private final MeterRegistry registry;

	private final Map<List<String>, AtomicLong> values = new ConcurrentHashMap<>();

	private final AtomicBoolean warned = new AtomicBoolean();

	GaugeSet(Family family, MeterRegistry registry) {
		this.family = family;
		this.registry = registry;
	}

	void set(double value, String... labels) {
		List<String> key = Arrays.asList(labels);
		AtomicLong bits = this.values.get(key);
		if (bits == null) {
			if (this.values.size() >= MAX_SERIES) {
				if (this.warned.compareAndSet(false, true)) {
					log.warn("Metrics: {} holds {} series; new ones are not published", this.family.name(), MAX_SERIES);
				}
				return;
			}
			bits = this.values.computeIfAbsent(List.copyOf(key), this::register);
		}
		bits.set(Double.doubleToRawLongBits(value));
	}

	private AtomicLong register(List<String> labels) {
		AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));
		Gauge.builder(this.family.name(), bits, (held) -> Double.longBitsToDouble(held.get()))
			.description(this.family.help())
			.tags(this.family.tags(labels.toArray(String[]::new)))
			.register(this.registry);
		return bits;
	}

}
