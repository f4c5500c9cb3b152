package dev.llmgw.gateway.admin.store;

import dev.llmgw.gateway.storage.RowStore;

/** The budgets table. */
public final class BudgetStore extends TableRows<BudgetRow> {

	public BudgetStore(RowStore rows) {
		super(rows, BudgetRow.TABLE, BudgetRow::from);
	}

}
