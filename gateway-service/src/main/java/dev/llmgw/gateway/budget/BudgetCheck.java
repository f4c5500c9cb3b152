package dev.llmgw.gateway.budget;

/**
 * One budget a call is charged to, in its current period.
 *
 * @param kind whose budget
 * @param id whose
 * @param maxNanos the budget, in nano-dollars
 * @param initialNanos the spend to start the period's count from (the database's, or 0 in
 * a new period)
 * @param period the period's end, epoch seconds (0 without a budget_duration): a new
 * period starts a new count
 * @param strict over budget when spend exceeds the limit (users, teams, end users), not
 * when it reaches it (keys)
 * @param maxBudget the budget in dollars, for messages
 * @param periodStart the period's start, epoch seconds, for budgets whose spend the
 * database knows only from the spend logs (the proxy's, a key's per model); 0 otherwise
 */
public record BudgetCheck(BudgetKind kind, String id, long maxNanos, long initialNanos, long period, boolean strict,
		double maxBudget, long periodStart) {

	public BudgetCheck(BudgetKind kind, String id, long maxNanos, long initialNanos, long period, boolean strict,
			double maxBudget) {
		this(kind, id, maxNanos, initialNanos, period, strict, maxBudget, 0);
	}

	static final double NANOS_PER_DOLLAR = 1e9;

	public static long nanos(double dollars) {
		return Math.round(dollars * NANOS_PER_DOLLAR);
	}

	String spentKey() {
		return "llmgw:budget:" + this.kind.wireName() + ":" + this.id + ":" + this.period + ":spent";
	}

	String reservedKey() {
		return "llmgw:budget:" + this.kind.wireName() + ":" + this.id + ":" + this.period + ":reserved";
	}

	/**
	 * The reservations of calls in flight, by reservation id, so each is given back once.
	 */
	String holdsKey() {
		return "llmgw:budget:" + this.kind.wireName() + ":" + this.id + ":" + this.period + ":holds";
	}

	boolean over(long spent, long reserved) {
		long total = spent + reserved;
		return this.strict ? total > this.maxNanos : total >= this.maxNanos;
	}

}
