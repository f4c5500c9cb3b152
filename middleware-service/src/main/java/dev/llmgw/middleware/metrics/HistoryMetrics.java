package dev.llmgw.middleware.metrics;

import java.util.EnumMap;
import java.util.Map;

import dev.llmgw.metrics.Family;
import dev.llmgw.middleware.history.HistoryEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts chat history's reads and writes by outcome. Every outcome's counter is
 * registered at start, so each series exists (at 0) before its first event and a rate
 * over it starts from the first one.
 */
final class HistoryMetrics implements HistoryEvents {

	private final Map<Outcome, Counter> reads = new EnumMap<>(Outcome.class);

	private final Map<Outcome, Counter> writes = new EnumMap<>(Outcome.class);

	HistoryMetrics(MeterRegistry registry) {
		for (Outcome outcome : Outcome.values()) {
			// a read is never refused: the owner is checked after it, by its caller
			if (outcome != Outcome.REFUSED) {
				this.reads.put(outcome, Families.HISTORY_READS.counter(registry, Family.label(outcome)));
			}
			this.writes.put(outcome, Families.HISTORY_WRITES.counter(registry, Family.label(outcome)));
		}
	}

	@Override
	public void read(Outcome outcome) {
		Counter counter = this.reads.get(outcome);
		if (counter != null) {
			counter.increment();
		}
	}

	@Override
	public void written(Outcome outcome) {
		this.writes.get(outcome).increment();
	}

}
