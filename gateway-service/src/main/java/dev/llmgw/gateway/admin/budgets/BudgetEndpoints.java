package dev.llmgw.gateway.admin.budgets;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.admin.AdminAccess;
import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.AdminJson;
import dev.llmgw.gateway.admin.AdminViews;
import dev.llmgw.gateway.admin.RequestFields;
import dev.llmgw.gateway.admin.store.BudgetRow;
import dev.llmgw.gateway.admin.store.BudgetStore;
import dev.llmgw.gateway.admin.store.CustomerStore;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * LiteLLM's {@code /budget/*}: named budgets that end users share ({@code budget_id} on
 * {@code /customer/new}), admins only. What a budget may hold: {@link BudgetRules}.
 */
public final class BudgetEndpoints {

	private final BudgetStore budgets;

	private final CustomerStore customers;

	private final BudgetRules rules;

	private final AdminClock clock;

	private final JsonBodyReader bodies;

	private final Runnable budgetsChanged;

	/**
	 * @param budgetsChanged told when a budget changes or goes, so that end users' cached
	 * budgets are read again
	 */
	BudgetEndpoints(BudgetStore budgets, CustomerStore customers, BudgetRules rules, AdminClock clock,
			JsonBodyReader bodies, Runnable budgetsChanged) {
		this.budgets = budgets;
		this.customers = customers;
		this.rules = rules;
		this.clock = clock;
		this.bodies = bodies;
		this.budgetsChanged = budgetsChanged;
	}

	public Mono<ServerResponse> create(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/budget/new");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			BudgetRow budget = this.rules.newBudget(fields, fields.string("budget_id"), AdminAccess.actor(caller));
			String budgetId = String.valueOf(budget.budgetId());
			return this.budgets.find(budgetId)
				.flatMap((existing) -> Mono.<Void>error(new BadRequestError(
						"Budget id = " + budgetId + " already exists. Please use a different budget id.", null,
						"budget_id")))
				.then(this.budgets.insert(budget))
				.then(AdminJson.ok(AdminViews.publicView(budget)));
		});
	}

	public Mono<ServerResponse> update(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/budget/update");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String budgetId = fields.string("budget_id");
			if (budgetId == null) {
				throw new BadRequestError("budget_id is required", null, "budget_id");
			}
			Map<String, @Nullable Object> changes = this.rules.changes(fields);
			changes.put("updated_at", this.clock.now());
			changes.put("updated_by", AdminAccess.actor(caller));
			return budget(budgetId).flatMap((budget) -> this.budgets.update(budgetId, changes)
				.doOnSuccess((count) -> this.budgetsChanged.run())
				.then(AdminJson.ok(AdminViews.publicView(budget.with(changes)))));
		});
	}

	/** {@code POST /budget/info {"budgets": [ids]}}: the ones that exist. */
	public Mono<ServerResponse> info(ServerRequest request) {
		AdminAccess.requireReadAll(AdminAccess.caller(request.exchange()), "/budget/info");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			List<String> ids = new RequestFields(body).strings("budgets");
			if (ids == null || ids.isEmpty()) {
				throw new BadRequestError("Specify list of budget id's to query. Passed in=[]", null, "budgets");
			}
			if (ids.size() > 1000) {
				throw new BadRequestError("Specify at most 1000 budget ids", null, "budgets");
			}
			return Flux.fromIterable(ids)
				.concatMap(this.budgets::find)
				.map(AdminViews::publicView)
				.collectList()
				.flatMap(AdminJson::ok);
		});
	}

	/** {@code GET /budget/list}: every budget, newest first (at most 10,000). */
	public Mono<ServerResponse> list(ServerRequest request) {
		AdminAccess.requireReadAll(AdminAccess.caller(request.exchange()), "/budget/list");
		return this.budgets.findAll(Map.of(), 10_000, 0)
			.map(AdminViews::publicView)
			.collectList()
			.flatMap(AdminJson::ok);
	}

	/**
	 * {@code POST /budget/delete {"id"}}: the deleted budget. One that end users still
	 * name is refused (LiteLLM fails with a 500 there).
	 */
	public Mono<ServerResponse> delete(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/budget/delete");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			String budgetId = new RequestFields(body).required("id");
			return budget(budgetId).flatMap((budget) -> this.customers.countWithBudget(budgetId)
				.flatMap((users) -> (users > 0)
						? Mono.error(new BadRequestError("Budget " + budgetId + " is still used by " + users
								+ " end users: give them another budget first", null, "id"))
						: this.budgets.delete(budgetId))
				.doOnSuccess((count) -> this.budgetsChanged.run())
				.then(AdminJson.ok(AdminViews.publicView(budget))));
		});
	}

	private Mono<BudgetRow> budget(String budgetId) {
		return this.budgets.find(budgetId)
			.switchIfEmpty(Mono
				.error(() -> new NotFoundError("Budget not found, passed budget_id=" + budgetId, null, "budget_id")));
	}

}
