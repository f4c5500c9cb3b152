package dev.llmgw.gateway.auth;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The budgets a caller's calls are charged against: its key's, its user's and its team's
 * (null: none).
 *
 * @param key the key's budget
 * @param user the user's budget
 * @param team the team's budget
 * @param perModel the key's model_max_budget: per model group, a budget and its period
 */
public record CallerBudgets(@Nullable BudgetState key, @Nullable BudgetState user, @Nullable BudgetState team,
		Map<String, ModelBudget> perModel) {

	public static final CallerBudgets NONE = new CallerBudgets(null, null, null, Map.of());

	/**
	 * One entry of a key's model_max_budget.
	 *
	 * @param budgetLimit dollars
	 * @param timePeriod a budget duration such as 1d, null for no reset
	 */
	public record ModelBudget(double budgetLimit, @Nullable String timePeriod) {

	}

}
