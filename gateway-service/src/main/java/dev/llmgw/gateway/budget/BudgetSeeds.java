package dev.llmgw.gateway.budget;

import reactor.core.publisher.Mono;

/**
 * Where a budget's count starts when the shared ledger does not have it: a new period, a
 * budget idle for a day, or a Redis that restarted empty. The database's figure, read
 * fresh; not the one cached when the key was loaded, which may be an hour old.
 */
public interface BudgetSeeds {

	/** The figure the budget's check carries (the cached database row): for tests. */
	BudgetSeeds FROM_CHECK = (check) -> Mono.just(check.initialNanos());

	/**
	 * @param check the budget
	 * @return the spend of its current period the database holds, in nano-dollars; an
	 * error when the database cannot be read
	 */
	Mono<Long> spentNanos(BudgetCheck check);

}
