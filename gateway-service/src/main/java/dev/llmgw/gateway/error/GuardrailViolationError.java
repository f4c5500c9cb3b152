package dev.llmgw.gateway.error;

import java.util.Map;

/**
 * 400: a guardrail refused the prompt or the answer. As LiteLLM's proxy sends it: the
 * message {@code Violated guardrail policy} (or the guardrail's own), {@code type} and
 * {@code param} the string {@code "None"}, and what the guardrail found in
 * {@code provider_specific_fields} (its name and mode, its response, its assessments).
 */
public final class GuardrailViolationError extends GatewayError {

	public static final String MESSAGE = "Violated guardrail policy";

	private final Map<String, Object> details;

	public GuardrailViolationError(String message, Map<String, Object> details) {
		super(400, "None", message, "None");
		this.details = Map.copyOf(details);
	}

	/** What the guardrail found, for the body's {@code provider_specific_fields}. */
	public Map<String, Object> details() {
		return this.details;
	}

}
