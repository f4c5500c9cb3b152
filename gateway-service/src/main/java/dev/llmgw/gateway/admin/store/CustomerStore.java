package dev.llmgw.gateway.admin.store;

import java.util.Map;

import dev.llmgw.gateway.storage.RowStore;
import reactor.core.publisher.Mono;

/** The customers table: end users. */
public final class CustomerStore extends TableRows<CustomerRow> {

	public CustomerStore(RowStore rows) {
		super(rows, CustomerRow.TABLE, CustomerRow::from);
	}

	/** How many end users name the budget. */
	public Mono<Long> countWithBudget(String budgetId) {
		return count(Map.of("budget_id", budgetId));
	}

}
