package dev.llmgw.middleware.metrics;

import java.util.EnumMap;
import java.util.Map;

import dev.llmgw.metrics.Family;
import dev.llmgw.middleware.okta.OktaEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts Okta sign-ups by outcome, every outcome's counter registered at start. They stay
 * at 0 while Okta sign-up is off ({@code OKTA_ISSUER} unset).
 */
final class OktaMetrics implements OktaEvents {

	private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

	OktaMetrics(MeterRegistry registry) {
		for (Outcome outcome : Outcome.values()) {
			this.counters.put(outcome, Families.OKTA_SIGNUPS.counter(registry, Family.label(outcome)));
		}
	}

	@Override
	public void signUp(Outcome outcome) {
		this.counters.get(outcome).increment();
	}

}
