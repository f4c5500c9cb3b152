package dev.llmgw.gateway.admission;

import java.util.List;

import dev.llmgw.gateway.budget.BudgetDecision;
import dev.llmgw.gateway.budget.BudgetPlan;
import dev.llmgw.gateway.ratelimit.Admission;
import dev.llmgw.gateway.ratelimit.LimitCheck;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What admission counts for a call, its rate limits and its budgets, together: admitted
 * on all of them or refused holding nothing, and at its end given back and settled at
 * once.
 */
interface AdmissionCounts {

	/**
	 * Admits a call on its limits and budgets (at least one of them).
	 * @return both answers; a refusal of either holds nothing of the other
	 */
	Mono<Counted> admit(List<LimitCheck> limits, BudgetPlan budgets);

	/**
	 * Ends a call: gives back the parallel slots of its admission, counts its tokens, and
	 * settles its reservations with its actual cost.
	 * @param admission what its limits hold, null when nothing
	 * @param tokens the tokens it used
	 * @param reservations what its budgets hold, null when nothing
	 * @param costNanos what it cost, in nano-dollars
	 */
	Mono<Void> end(@Nullable Admission admission, long tokens, @Nullable BudgetDecision reservations, long costNanos);

	/**
	 * The answers of a call's limits and budgets.
	 *
	 * @param admission the limits'
	 * @param decision the budgets'
	 */
	record Counted(Admission admission, BudgetDecision decision) {

	}

}
