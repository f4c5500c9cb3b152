package dev.llmgw.gateway.auth;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A budget as the database last showed it: its limit, what was spent in the period then
 * current, and when that period ends.
 *
 * @param id whose budget (key hash, user id, team id, end user id)
 * @param maxBudget the budget in dollars
 * @param spend the spend the database holds
 * @param resetAt when the database's period ends, null without a budget_duration
 * @param duration the budget_duration, e.g. 30d
 */
public record BudgetState(String id, double maxBudget, double spend, @Nullable OffsetDateTime resetAt,
		@Nullable String duration) {

}
