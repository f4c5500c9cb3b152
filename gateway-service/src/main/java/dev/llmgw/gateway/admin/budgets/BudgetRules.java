package dev.llmgw.gateway.admin.budgets;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.RequestFields;
import dev.llmgw.gateway.admin.store.BudgetRow;
import dev.llmgw.gateway.config.BudgetDuration;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.ids.Ids;
import org.jspecify.annotations.Nullable;

/**
 * What a budget row may hold and how a request sets it. A budget's {@code max_budget} and
 * {@code budget_duration} are enforced for each end user that names it; LiteLLM's other
 * budget fields (rate limits, parallel requests, soft and per-model budgets) are not
 * enforced for end users by this gateway, so they are refused by name rather than stored.
 */
public final class BudgetRules {

	/** The fields that set a budget: a request with none of them names no budget. */
	public static final List<String> FIELDS = List.of("max_budget", "budget_duration");

	private static final List<String> NOT_ENFORCED = List.of("tpm_limit", "rpm_limit", "max_parallel_requests",
			"soft_budget", "model_max_budget");

	private final AdminClock clock;

	public BudgetRules(AdminClock clock) {
		this.clock = clock;
	}

	/**
	 * A new budget from a /budget/new body.
	 * @param fields the request
	 * @param budgetId its id, null for a new one
	 * @param actor who creates it
	 */
	public BudgetRow newBudget(RequestFields fields, @Nullable String budgetId, @Nullable String actor) {
		return newBudget(changes(fields), budgetId, actor);
	}

	/**
	 * An end user's new budget from a /customer/* body: its reset follows from
	 * budget_duration alone (the end-user routes never took budget_reset_at).
	 * @param fields the request
	 * @param budgetId its id, null for a new one
	 */
	public BudgetRow newEndUserBudget(RequestFields fields, @Nullable String budgetId) {
		return newBudget(endUserChanges(fields), budgetId, null);
	}

	private BudgetRow newBudget(Map<String, @Nullable Object> changes, @Nullable String budgetId,
			@Nullable String actor) {
		Map<String, @Nullable Object> budget = new LinkedHashMap<>();
		budget.put("budget_id", (budgetId != null) ? budgetId : Ids.uuid());
		budget.putAll(changes);
		budget.put("created_at", this.clock.now());
		budget.put("created_by", actor);
		budget.put("updated_at", this.clock.now());
		budget.put("updated_by", actor);
		return BudgetRow.from(budget);
	}

	/**
	 * The columns a /budget/* body sets; absent fields are left out. Refuses the fields
	 * this gateway does not enforce.
	 */
	public Map<String, @Nullable Object> changes(RequestFields fields) {
		return changes(fields, true);
	}

	/** The budget columns a /customer/* body sets: budget_reset_at is not among them. */
	public Map<String, @Nullable Object> endUserChanges(RequestFields fields) {
		return changes(fields, false);
	}

	private Map<String, @Nullable Object> changes(RequestFields fields, boolean resetAtSent) {
		fields.refuseAny(NOT_ENFORCED, (field) -> field + " of a budget is not enforced by this gateway (only "
				+ "max_budget and budget_duration are, for the end users that name the budget)");
		Map<String, @Nullable Object> budget = new LinkedHashMap<>();
		if (fields.has("max_budget")) {
			budget.put("max_budget", fields.budget("max_budget"));
		}
		if (fields.has("budget_duration")) {
			BudgetDuration period = fields.duration("budget_duration");
			budget.put("budget_duration", (period != null) ? period.toString() : null);
			OffsetDateTime resetAt = resetAtSent ? resetAt(fields) : null;
			budget.put("budget_reset_at",
					(resetAt != null) ? resetAt : (period != null) ? this.clock.firstReset(period) : null);
		}
		else if (resetAtSent && fields.has("budget_reset_at")) {
			budget.put("budget_reset_at", resetAt(fields));
		}
		return budget;
	}

	/** Whether the request sets a budget at all. */
	public static boolean setsBudget(RequestFields fields) {
		return FIELDS.stream().anyMatch(fields::has);
	}

	private static @Nullable OffsetDateTime resetAt(RequestFields fields) {
		String text = fields.string("budget_reset_at");
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestError("Invalid value for budget_reset_at: expected an ISO date and time with its "
					+ "offset, got " + text, null, "budget_reset_at");
		}
	}

}
