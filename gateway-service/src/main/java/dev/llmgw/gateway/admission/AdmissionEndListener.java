package dev.llmgw.gateway.admission;

import dev.llmgw.gateway.budget.BudgetGate;
import dev.llmgw.gateway.engine.CallListener;
import dev.llmgw.gateway.engine.CallRecord;
import dev.llmgw.gateway.ratelimit.RateLimitGate;

/**
 * Ends each admitted call's counting once its response has ended, however it ended (done,
 * failed, cancelled by the client), unless its complete answer ended it already: its
 * parallel slots are freed, its tokens counted, and its budget reservations settled with
 * its actual cost (nothing when it failed), in one step.
 */
final class AdmissionEndListener implements CallListener {

	private final AdmissionCounts counts;

	AdmissionEndListener(AdmissionCounts counts) {
		this.counts = counts;
	}

	@Override
	public String name() {
		return "admission-end";
	}

	@Override
	public void onCallEnd(CallRecord record) {
		ModelCallGate.end(this.counts, RateLimitGate.end(record.attributes()), BudgetGate.end(record.attributes()),
				record.usage(), record.cost());
	}

	@Override
	public boolean inline() {
		return true;
	}

}
