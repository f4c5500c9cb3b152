package dev.llmgw.gateway.admission;

import java.time.Clock;

import dev.llmgw.gateway.budget.LocalBudgetLedger;
import dev.llmgw.gateway.ratelimit.LocalRateLimiter;

/** The in-process counters of a single instance without Redis. */
class LocalAdmissionCountsTests extends AdmissionCountsContractTests {

	private final AdmissionCounts counts = new LocalAdmissionCounts(new LocalRateLimiter(Clock.systemUTC()),
			new LocalBudgetLedger());

	@Override
	AdmissionCounts counts() {
		return this.counts;
	}

}
