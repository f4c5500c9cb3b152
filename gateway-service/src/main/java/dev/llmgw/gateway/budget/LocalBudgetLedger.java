package dev.llmgw.gateway.budget;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Budgets counted in process: for a single instance without Redis, and for every instance
 * while Redis is away (each then holds the budgets from the database's spend plus its own
 * calls). Same rules as the Lua scripts.
 */
public final class LocalBudgetLedger implements BudgetLedger {

	private final Map<String, long[]> counts = new HashMap<>();

	@Override
	public Mono<BudgetDecision> admit(List<BudgetCheck> checks, long estimateNanos) {
		synchronized (this.counts) {
			for (BudgetCheck check : checks) {
				long[] count = count(check);
				if (check.over(count[0], count[1])) {
					return Mono.just(new BudgetDecision(false, check, count[0], List.of(), 0));
				}
			}
			for (BudgetCheck check : checks) {
				count(check)[1] += estimateNanos;
			}
		}
		return Mono.just(new BudgetDecision(true, null, 0, checks, estimateNanos));
	}

	@Override
	public Mono<Void> settle(BudgetDecision decision, long actualNanos) {
		synchronized (this.counts) {
			for (BudgetCheck check : decision.checks()) {
				long[] count = count(check);
				count[1] = Math.max(0, count[1] - decision.estimateNanos());
				count[0] += actualNanos;
			}
		}
		return Mono.empty();
	}

	/**
	 * {spent, reserved} of a budget's current period, started from the database's spend.
	 */
	private long[] count(BudgetCheck check) {
		if (this.counts.size() > 100_000) {
			// old periods and idle budgets: start again from the database's figures
			this.counts.values().removeIf((count) -> count[1] == 0);
		}
		return this.counts.computeIfAbsent(check.spentKey(), (key) -> new long[] { check.initialNanos(), 0 });
	}

}
