package dev.llmgw.gateway.engine;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.web.ExchangeAttribute;

import org.springframework.web.server.ServerWebExchange;

/**
 * What each guardrail decided on a call, in the order they ran: written by the guardrail
 * stage, read into the call's {@link CallRecord} and the response header.
 */
public final class GuardrailOutcomes {

	private static final ExchangeAttribute<GuardrailOutcomes> ATTRIBUTE = ExchangeAttribute.of(GuardrailOutcomes.class,
			GuardrailOutcomes.class);

	private final List<GuardrailOutcome> outcomes = new ArrayList<>();

	private GuardrailOutcomes() {
	}

	/** Adds an outcome; guardrails of one call may finish on different threads. */
	public static void add(ServerWebExchange exchange, GuardrailOutcome outcome) {
		GuardrailOutcomes outcomes = ATTRIBUTE.computeIfAbsent(exchange, GuardrailOutcomes::new);
		synchronized (outcomes) {
			outcomes.outcomes.add(outcome);
		}
	}

	/** The names of the guardrails that ran, each once, in the order they first ran. */
	public static List<String> names(ServerWebExchange exchange) {
		return of(exchange).stream().map(GuardrailOutcome::name).distinct().toList();
	}

	static List<GuardrailOutcome> of(ServerWebExchange exchange) {
		GuardrailOutcomes outcomes = ATTRIBUTE.get(exchange);
		if (outcomes == null) {
			return List.of();
		}
		synchronized (outcomes) {
			return List.copyOf(outcomes.outcomes);
		}
	}

}
