package dev.llmgw.gateway.budget;

/**
 * Whose budget a call is charged to. The wire name is part of the ledger's Redis keys and
 * of the spend writer's pending counts, so it never changes with the constant's name.
 */
public enum BudgetKind {

	/** A virtual key's max_budget. */
	KEY("key"),

	/** An internal user's max_budget, shared by all their keys. */
	USER("user"),

	/** A team's max_budget, shared by its keys. */
	TEAM("team"),

	/** The request's end user ({@code user}), from the customer's budget row. */
	END_USER("end_user"),

	/** litellm_settings.max_budget: the whole proxy's. */
	PROXY("proxy"),

	/** A key's model_max_budget entry: one model group's budget on one key. */
	MODEL_PER_KEY("model_per_key");

	private final String wireName;

	BudgetKind(String wireName) {
		this.wireName = wireName;
	}

	/** The name in Redis keys and pending counts: {@code key}, {@code end_user}, ... */
	public String wireName() {
		return this.wireName;
	}

	/** One budget's name in per-budget maps: {@code kind:id}. */
	public String of(String id) {
		return this.wireName + ":" + id;
	}

	/** LiteLLM's wording of a budget_exceeded error for this kind of budget. */
	String exceeded(String id, String spend, String max) {
		return switch (this) {
			case USER -> "ExceededBudget: User=" + id + " over budget. Spend=" + spend + ", Budget=" + max;
			case TEAM -> "Budget has been exceeded! Team=" + id + " Current cost: " + spend + ", Max budget: " + max;
			case END_USER -> "ExceededBudget: End User=" + id + " over budget. Spend=" + spend + ", Budget=" + max;
			case MODEL_PER_KEY -> "Budget has been exceeded! Model=" + id.substring(id.indexOf(':') + 1)
					+ " Current cost: " + spend + ", Max budget: " + max;
			case KEY, PROXY -> "Budget has been exceeded! Current cost: " + spend + ", Max budget: " + max;
		};
	}

}
