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
 * @param reservation the reservation's id, unique to the call, so that it is given back
 * exactly once
 * @param local whether this instance holds the reservation itself (Redis was away when it
 * was made), rather than the shared ledger
 */
public record BudgetDecision(boolean allowed, @Nullable BudgetCheck refusedBy, long spentNanos,
		List<BudgetCheck> checks, long estimateNanos, String reservation, boolean local) {

	public static final BudgetDecision UNLIMITED = new BudgetDecision(true, null, 0, List.of(), 0);

	public BudgetDecision(boolean allowed, @Nullable BudgetCheck refusedBy, long spentNanos, List<BudgetCheck> checks,
			long estimateNanos) {
		this(allowed, refusedBy, spentNanos, checks, estimateNanos, "", true);
	}

}
