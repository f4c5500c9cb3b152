package dev.llmgw.gateway.budget;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a call's budgets.
 *
 * @param allowed whether it may go on
 * @param refusedBy the budget that refused it
 * @param spentNanos that budget's spend, when refused
 * @param checks the budgets the call reserved on (to settle later)
 * @param estimateNanos the amount reserved on each
 */
public record BudgetDecision(boolean allowed, @Nullable BudgetCheck refusedBy, long spentNanos,
		List<BudgetCheck> checks, long estimateNanos) {

	public static final BudgetDecision UNLIMITED = new BudgetDecision(true, null, 0, List.of(), 0);

}
