package dev.llmgw.gateway.budget;

/**
 * What this instance has charged to a budget but not yet written to the database: the
 * part of its spend that the database's figures do not show yet. Budgets held from the
 * database (while Redis is away, or when Redis lost its counts) add it, so that calls
 * spent a moment ago count at once.
 */
public interface PendingSpend {

	/** Nothing is pending: a gateway that writes spend as it goes, or none. */
	PendingSpend NONE = (kind, id) -> 0;

	/**
	 * @param kind the budget's kind
	 * @param id whose budget, as in {@link BudgetCheck#id()}
	 * @return nano-dollars charged and not yet written
	 */
	long pendingNanos(BudgetKind kind, String id);

	/**
	 * Budgets are being held from the database: write spend as it comes for a while
	 * rather than once a second, so other instances see it at once.
	 */
	default void hurry() {
	}

	/**
	 * What this instance has written to the database for a budget lately, a running
	 * total: what it wrote after a figure was read from the database may be missing from
	 * that figure.
	 * @param kind the budget's kind
	 * @param id whose budget
	 * @return nano-dollars written, counted since the budget was last in use
	 */
	default long writtenNanos(BudgetKind kind, String id) {
		return 0;
	}

}
