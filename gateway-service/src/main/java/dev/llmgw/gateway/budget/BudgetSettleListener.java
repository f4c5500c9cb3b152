package dev.llmgw.gateway.budget;

import dev.llmgw.gateway.engine.CallListener;
import dev.llmgw.gateway.engine.CallRecord;

/**
 * Settles a finished call's budget reservations with its actual cost (nothing when it
 * failed), which ends its hold on its budgets.
 */
final class BudgetSettleListener implements CallListener {

	private final BudgetGate budgets;

	BudgetSettleListener(BudgetGate budgets) {
		this.budgets = budgets;
	}

	@Override
	public String name() {
		return "budget-settle";
	}

	@Override
	public void onCallEnd(CallRecord record) {
		BudgetDecision reservations = BudgetGate.reservations(record.attributes());
		if (!reservations.checks().isEmpty()) {
			this.budgets.settle(reservations, record.cost()).subscribe();
		}
	}

	@Override
	public boolean inline() {
		return true;
	}

}
