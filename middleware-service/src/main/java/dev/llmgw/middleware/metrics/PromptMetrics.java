package dev.llmgw.middleware.metrics;

import java.util.EnumMap;
import java.util.Map;

import dev.llmgw.metrics.Family;
import dev.llmgw.middleware.prompts.PromptEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts managed-prompt lookups by source and outcome. The counters are registered at
 * start (a cache answer is always {@code ok}), so each series exists before its first
 * lookup.
 */
final class PromptMetrics implements PromptEvents {

	private final Map<Source, Map<Outcome, Counter>> counters = new EnumMap<>(Source.class);

	PromptMetrics(MeterRegistry registry) {
		for (Source source : Source.values()) {
			Map<Outcome, Counter> bySource = new EnumMap<>(Outcome.class);
			for (Outcome outcome : Outcome.values()) {
				if (source == Source.BEDROCK || outcome == Outcome.OK) {
					bySource.put(outcome,
							Families.PROMPT_FETCHES.counter(registry, Family.label(source), Family.label(outcome)));
				}
			}
			this.counters.put(source, bySource);
		}
	}

	@Override
	public void fetched(Source source, Outcome outcome) {
		Counter counter = this.counters.get(source).get(outcome);
		if (counter != null) {
			counter.increment();
		}
	}

}
