package dev.llmgw.gateway.admission;

import java.util.List;

import dev.llmgw.gateway.budget.BudgetDecision;
import dev.llmgw.gateway.budget.BudgetLedger;
import dev.llmgw.gateway.budget.BudgetPlan;
import dev.llmgw.gateway.ratelimit.Admission;
import dev.llmgw.gateway.ratelimit.LimitCheck;
import dev.llmgw.gateway.ratelimit.RateLimiter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Limits and budgets counted by their own implementations one after the other, as the
 * combined Redis script does in one step: the budgets first, then the limits only when
 * the budgets admitted the call, and the reservations given back when a limit refuses it.
 * Used for the in-process counters of a single instance without Redis.
 */
final class LocalAdmissionCounts implements AdmissionCounts {

	private final RateLimiter limiter;

	private final BudgetLedger ledger;

	LocalAdmissionCounts(RateLimiter limiter, BudgetLedger ledger) {
		this.limiter = limiter;
		this.ledger = ledger;
	}

	@Override
	public Mono<Counted> admit(List<LimitCheck> limits, BudgetPlan budgets) {
		Mono<BudgetDecision> decided = budgets.checks().isEmpty() ? Mono.just(BudgetDecision.UNLIMITED)
				: this.ledger.admit(budgets.checks(), budgets.estimateNanos());
		return decided.flatMap((decision) -> {
			if (!decision.allowed() || limits.isEmpty()) {
				return Mono.just(new Counted(Admission.UNLIMITED, decision));
			}
			return this.limiter.admit(limits).flatMap((admission) -> {
				if (admission.allowed()) {
					return Mono.just(new Counted(admission, decision));
				}
				// refused by a limit: the budgets hold nothing for it
				return this.ledger.settle(decision, 0).thenReturn(new Counted(admission, BudgetDecision.UNLIMITED));
			});
		});
	}

	@Override
	public Mono<Void> end(@Nullable Admission admission, long tokens, @Nullable BudgetDecision reservations,
			long costNanos) {
		Mono<Void> released = (admission != null && !admission.checks().isEmpty())
				? this.limiter.release(admission, tokens) : Mono.empty();
		Mono<Void> settled = (reservations != null && !reservations.checks().isEmpty())
				? this.ledger.settle(reservations, costNanos) : Mono.empty();
		return released.then(settled);
	}

}
