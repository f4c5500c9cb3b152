package dev.llmgw.gateway.guardrails;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * A guardrail's check of some texts: the prompt's ({@link Source#INPUT}) or the answer's
 * ({@link Source#OUTPUT}).
 */
interface Guardrail {

	GuardrailSpec spec();

	/**
	 * @param source whose texts these are
	 * @param texts the texts, in order
	 * @return what the guardrail decided; an error when it could not decide (unreachable,
	 * timed out)
	 */
	Mono<Verdict> check(Source source, List<String> texts);

	/** Whose texts a guardrail checks, in Bedrock's words. */
	enum Source {

		INPUT, OUTPUT

	}

	/**
	 * A guardrail's decision.
	 *
	 * @param action pass, mask or block
	 * @param texts for {@link Action#MASK}, the texts as they may go on (as many as were
	 * checked)
	 * @param message for {@link Action#BLOCK}, what the caller is told
	 * @param details what the guardrail found, for the error body and the record
	 */
	record Verdict(Action action, List<String> texts, String message, Map<String, Object> details) {

		static final Verdict PASS = new Verdict(Action.PASS, List.of(), "", Map.of());

		static Verdict mask(List<String> texts, Map<String, Object> details) {
			return new Verdict(Action.MASK, List.copyOf(texts), "", details);
		}

		static Verdict block(String message, Map<String, Object> details) {
			return new Verdict(Action.BLOCK, List.of(), message, details);
		}

	}

	enum Action {

		PASS, MASK, BLOCK

	}

}
