package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/** 400, as LiteLLM: a key, user, team, customer or proxy budget is spent. */
public final class BudgetExceededError extends GatewayError {

	public BudgetExceededError(String message) {
		this(message, null, "400");
	}

	public BudgetExceededError(String message, @Nullable String param, @Nullable String code) {
		super(400, "budget_exceeded", message, param, code);
	}

}
