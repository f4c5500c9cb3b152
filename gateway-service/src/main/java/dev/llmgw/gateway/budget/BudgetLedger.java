package dev.llmgw.gateway.budget;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Counts spend and reservations against budgets, atomically for all the budgets of one
 * call.
 */
public interface BudgetLedger {

	/**
	 * Admits a call on all its budgets and reserves the estimate on each, or refuses it
	 * reserving nothing.
	 */
	Mono<BudgetDecision> admit(List<BudgetCheck> checks, long estimateNanos);

	/** Gives back a call's reservations and adds its actual cost. */
	Mono<Void> settle(BudgetDecision decision, long actualNanos);

}
