package dev.llmgw.gateway.engine;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.web.ExchangeAttribute;

import org.springframework.web.server.ServerWebExchange;

/**
 * What each guardrail decided on a call ({@code name:mode:verdict:millis}), in the order
 * they ran: written by the guardrail stage, read into the call's {@link CallRecord}.
 */
public final class GuardrailOutcomes {

	private static final ExchangeAttribute<GuardrailOutcomes> ATTRIBUTE = ExchangeAttribute.of(GuardrailOutcomes.class,
			GuardrailOutcomes.class);

	private final List<String> outcomes = new ArrayList<>();

	private GuardrailOutcomes() {
	}

	/** Adds an outcome; guardrails of one call may finish on different threads. */
	public static void add(ServerWebExchange exchange, String outcome) {
		GuardrailOutcomes outcomes = ATTRIBUTE.computeIfAbsent(exchange, GuardrailOutcomes::new);
		synchronized (outcomes) {
			outcomes.outcomes.add(outcome);
		}
	}

	/** The names of the guardrails that ran, each once, in the order they first ran. */
	public static List<String> names(ServerWebExchange exchange) {
		java.util.Set<String> names = new java.util.LinkedHashSet<>();
		for (String outcome : of(exchange)) {
			// name:mode:verdict:millis, the name possibly holding a colon
			int end = outcome.length();
			for (int i = 0; i < 3 && end > 0; i++) {
				end = outcome.lastIndexOf(':', end - 1);
			}
			names.add((end > 0) ? outcome.substring(0, end) : outcome);
		}
		return List.copyOf(names);
	}

	static List<String> of(ServerWebExchange exchange) {
		GuardrailOutcomes outcomes = ATTRIBUTE.get(exchange);
		if (outcomes == null) {
			return List.of();
		}
		synchronized (outcomes) {
			return List.copyOf(outcomes.outcomes);
		}
	}

}
