package dev.llmgw.gateway.budget;

class LocalBudgetLedgerTests extends BudgetLedgerContractTests {

	private final LocalBudgetLedger ledger = new LocalBudgetLedger();

	@Override
	BudgetLedger ledger() {
		return this.ledger;
	}

}
