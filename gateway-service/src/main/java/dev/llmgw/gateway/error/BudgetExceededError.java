package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/** 400, as LiteLLM: a key, user, team, customer or proxy budget is spent. */
public final class BudgetExceededError extends GatewayError {

	public static final String TYPE = "budget_exceeded";

	public BudgetExceededError(String message) {
		this(message, null, null);
	}

	/**
	 * @param message for a person
	 * @param type the error type, {@link #TYPE} when null (providers' own types are kept)
	 * @param param the request field at fault
	 */
	public BudgetExceededError(String message, @Nullable String type, @Nullable String param) {
		super(400, (type != null) ? type : TYPE, message, param);
	}

}
