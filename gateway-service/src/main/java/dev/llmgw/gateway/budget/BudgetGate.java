package dev.llmgw.gateway.budget;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.llmgw.gateway.auth.BudgetState;
import dev.llmgw.gateway.auth.CallerBudgets;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.config.BudgetDuration;
import dev.llmgw.gateway.engine.Estimate;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.BudgetExceededError;
import dev.llmgw.gateway.pricing.ModelPrice;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.web.HeldUntilEnd;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Holds calls to the budgets of their key, user, team, end user and the proxy
 * (shared/spec/admin-api.md §5). A call reserves an estimate of its cost at admission and
 * settles its actual cost when it ends, so that concurrent calls cannot together spend
 * past a budget: a budget's final spend exceeds it by at most the calls in flight when it
 * was reached, and those reserved their cost. The master key and models priced at zero
 * skip budgets.
 */
public final class BudgetGate {

	/**
	 * Completion tokens reserved when neither the request nor the price map bounds them.
	 */
	static final int DEFAULT_COMPLETION_ESTIMATE = 4096;

	private static final HeldUntilEnd.Slot<BudgetDecision> HELD = HeldUntilEnd.Slot.of(BudgetGate.class);

	private final PriceMap prices;

	private final Clock clock;

	private final EndUsers endUsers;

	private final ProxyBudget proxy;

	public BudgetGate(PriceMap prices, Clock clock, EndUsers endUsers, ProxyBudget proxy) {
		this.prices = prices;
		this.clock = clock;
		this.endUsers = endUsers;
		this.proxy = proxy;
	}

	/**
	 * The budgets a call is held to, and the estimate it reserves on each until it ends
	 * ({@link BudgetLedger}).
	 * @param caller who calls
	 * @param endUser the request's end user, null when none
	 * @param model the model group asked for
	 * @param deployment who answers, for the price
	 * @param estimate the most the call may cost
	 * @return the plan, with no budgets for the master key and models priced at zero; an
	 * error when the end user is blocked
	 */
	public Mono<BudgetPlan> plan(CallerIdentity caller, @Nullable String endUser, String model, Deployment deployment,
			Estimate estimate) {
		if (caller.isMasterKey()) {
			return Mono.just(BudgetPlan.NONE);
		}
		Mono<EndUsers.EndUser> customer = (endUser != null) ? this.endUsers.find(endUser)
				: Mono.just(EndUsers.EndUser.UNKNOWN);
		return customer.flatMap((found) -> {
			if (found.blocked()) {
				return Mono.error(new BadRequestError("User blocked from making LLM API Calls. User=" + endUser,
						"blocked_end_user", "user"));
			}
			ModelPrice price = this.prices.priceOf(deployment);
			if (price.inputCostPerToken() == 0 && price.outputCostPerToken() == 0 && estimate.fixedDollars() == 0) {
				return Mono.just(BudgetPlan.NONE);
			}
			List<BudgetCheck> checks = checks(caller, model, found.budget());
			return Mono.just(checks.isEmpty() ? BudgetPlan.NONE
					: new BudgetPlan(checks, BudgetCheck.nanos(estimate(price, estimate))));
		});
	}

	/**
	 * Readies a request to hold its reservations, before the ledger is asked: a request
	 * that ends while it answers then marks the hold ended, and reservations granted late
	 * are given back at once by whoever receives them ({@link #keep}).
	 */
	public static void expect(ServerWebExchange exchange) {
		HELD.expect(exchange);
	}

	/**
	 * Holds a decision's reservations until the request ends.
	 * @return false when the request has already ended: the caller settles them now
	 */
	public static boolean keep(ServerWebExchange exchange, BudgetDecision decision) {
		if (decision.checks().isEmpty()) {
			return true;
		}
		return HELD.keep(exchange, decision);
	}

	/**
	 * Ends a request's hold, once its answer is complete or the request ended: the
	 * reservations to settle, or null when it holds none (any more).
	 */
	public static @Nullable BudgetDecision end(ServerWebExchange exchange) {
		return HELD.end(exchange);
	}

	/** As {@link #end(ServerWebExchange)}, from a finished call's record. */
	public static @Nullable BudgetDecision end(Map<String, Object> attributes) {
		return HELD.end(attributes);
	}

	List<BudgetCheck> checks(CallerIdentity caller, String model, @Nullable BudgetState endUser) {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		CallerBudgets budgets = caller.budgets();
		List<BudgetCheck> checks = new ArrayList<>(6);
		CallerBudgets.ModelBudget perModel = budgets.perModel().get(model);
		if (perModel != null && caller.keyHash() != null) {
			checks.add(modelCheck(caller.keyHash(), model, perModel, now, this.clock.getZone()));
		}
		add(checks, BudgetKind.KEY, budgets.key(), false, now, this.clock.getZone());
		add(checks, BudgetKind.USER, budgets.user(), true, now, this.clock.getZone());
		add(checks, BudgetKind.TEAM, budgets.team(), true, now, this.clock.getZone());
		add(checks, BudgetKind.END_USER, endUser, true, now, this.clock.getZone());
		BudgetState proxy = this.proxy.state(now);
		add(checks, BudgetKind.PROXY, proxy, true, now, this.clock.getZone());
		if (proxy != null) {
			// the database knows the proxy's spend only from the spend logs of its period
			BudgetCheck check = checks.remove(checks.size() - 1);
			checks.add(new BudgetCheck(check.kind(), check.id(), check.maxNanos(), check.initialNanos(), check.period(),
					check.strict(), check.maxBudget(), this.proxy.currentPeriodStart(now).toEpochSecond()));
		}
		return checks;
	}

	/**
	 * A key's budget for one model group. Its periods follow the calendar (a day from
	 * midnight UTC, a month from the 1st); the database keeps no per-model spend, so the
	 * count lives in the ledger (in Redis, a day past its last use).
	 */
	private static BudgetCheck modelCheck(String keyHash, String model, CallerBudgets.ModelBudget budget,
			OffsetDateTime now, ZoneId zone) {
		long period = 0;
		long periodStart = 0;
		if (budget.timePeriod() != null) {
			try {
				BudgetDuration duration = BudgetDuration.parse(budget.timePeriod());
				OffsetDateTime start = ProxyBudget.periodStart(duration, now, zone);
				periodStart = start.toEpochSecond();
				period = ProxyBudget.periodEnd(duration, start, zone).toEpochSecond();
			}
			catch (IllegalArgumentException ex) {
				// an unreadable period: the budget holds without resets
			}
		}
		return new BudgetCheck(BudgetKind.MODEL_PER_KEY, keyHash + ":" + model, BudgetCheck.nanos(budget.budgetLimit()),
				0, period, false, budget.budgetLimit(), (period != 0) ? periodStart : 0);
	}

	/** LiteLLM's 400 budget_exceeded, with its wording for each kind of budget. */
	public static BudgetExceededError refusal(BudgetDecision decision) {
		BudgetCheck check = decision.refusedBy();
		if (check == null) {
			throw new IllegalArgumentException("decision was not a refusal");
		}
		String spend = format(decision.spentNanos() / BudgetCheck.NANOS_PER_DOLLAR);
		String max = format(check.maxBudget());
		String message = check.kind().exceeded(check.id(), spend, max);
		return new BudgetExceededError(message);
	}

	/**
	 * The most a call can cost: its prompt's token bound, its completion cap (the model's
	 * largest output when the request sets none) and any price per call.
	 */
	static double estimate(ModelPrice price, Estimate estimate) {
		long completion = estimate.completionTokens();
		if (completion <= 0) {
			completion = (price.maxOutputTokens() != null && price.maxOutputTokens() > 0) ? price.maxOutputTokens()
					: DEFAULT_COMPLETION_ESTIMATE;
		}
		return estimate.promptTokens() * price.inputCostPerToken() + completion * price.outputCostPerToken()
				+ estimate.fixedDollars();
	}

	private static void add(List<BudgetCheck> checks, BudgetKind kind, @Nullable BudgetState state, boolean strict,
			OffsetDateTime now, ZoneId zone) {
		if (state == null) {
			return;
		}
		OffsetDateTime end = BudgetPeriods.currentEnd(state.resetAt(), state.duration(), now, zone);
		// a period the database has not reached yet starts from nothing
		boolean newPeriod = end != null && state.resetAt() != null && !end.isEqual(state.resetAt());
		checks.add(new BudgetCheck(kind, state.id(), BudgetCheck.nanos(state.maxBudget()),
				newPeriod ? 0 : BudgetCheck.nanos(state.spend()), (end != null) ? end.toEpochSecond() : 0, strict,
				state.maxBudget()));
	}

	private static String format(double dollars) {
		return String.format(Locale.ROOT, "%.6g", dollars).replaceAll("\\.?0+($|e)", "$1");
	}

}
