package dev.llmgw.gateway.budget;

import java.util.List;

/**
 * The budgets a call is held to and what it reserves on each.
 *
 * @param checks the budgets, none for the master key and free models
 * @param estimateNanos the most the call may cost, reserved on each until it ends
 */
public record BudgetPlan(List<BudgetCheck> checks, long estimateNanos) {

	public static final BudgetPlan NONE = new BudgetPlan(List.of(), 0);

}
