package dev.llmgw.gateway.auth;

import org.jspecify.annotations.Nullable;

/**
 * The budgets a caller's calls are charged against: its key's, its user's and its team's
 * (null: none).
 *
 * @param key the key's budget
 * @param user the user's budget
 * @param team the team's budget
 */
public record CallerBudgets(@Nullable BudgetState key, @Nullable BudgetState user, @Nullable BudgetState team) {

	public static final CallerBudgets NONE = new CallerBudgets(null, null, null);

}
