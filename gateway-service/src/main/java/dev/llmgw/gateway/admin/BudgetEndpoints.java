package dev.llmgw.gateway.admin;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.config.BudgetDuration;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.ids.Ids;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * LiteLLM's {@code /budget/*}: named budgets that end users share ({@code budget_id} on
 * {@code /customer/new}), admins only. A budget's {@code max_budget} and
 * {@code budget_duration} are enforced for each end user that names it; LiteLLM's other
 * budget fields (rate limits, parallel requests, soft and per-model budgets) are not
 * enforced for end users by this gateway, so they are refused by name rather than stored.
 */
public final class BudgetEndpoints {

	private static final List<String> NOT_ENFORCED = List.of("tpm_limit", "rpm_limit", "max_parallel_requests",
			"soft_budget", "model_max_budget");

	private final RowStore rows;

	private final KeyRows keys;

	private final JsonBodyReader bodies;

	private final Runnable budgetsChanged;

	/**
	 * @param budgetsChanged told when a budget changes or goes, so that end users' cached
	 * budgets are read again
	 */
	BudgetEndpoints(RowStore rows, KeyRows keys, JsonBodyReader bodies, Runnable budgetsChanged) {
		this.rows = rows;
		this.keys = keys;
		this.bodies = bodies;
		this.budgetsChanged = budgetsChanged;
	}

	public Mono<ServerResponse> create(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/budget/new");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String budgetId = (fields.string("budget_id") != null) ? fields.string("budget_id") : Ids.uuid();
			Map<String, @Nullable Object> budget = new LinkedHashMap<>();
			budget.put("budget_id", budgetId);
			budget.putAll(changes(fields));
			budget.put("created_at", this.keys.now());
			budget.put("created_by", AdminAccess.actor(caller));
			budget.put("updated_at", this.keys.now());
			budget.put("updated_by", AdminAccess.actor(caller));
			return this.rows.find(AdminTables.BUDGETS, budgetId)
				.flatMap((existing) -> Mono.<Void>error(new BadRequestError(
						"Budget id = " + budgetId + " already exists. Please use a different budget id.", null,
						"budget_id")))
				.then(this.rows.insert(AdminTables.BUDGETS, budget))
				.then(AdminJson.ok(KeyRows.publicView(budget)));
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
			Map<String, @Nullable Object> changes = changes(fields);
			changes.put("updated_at", this.keys.now());
			changes.put("updated_by", AdminAccess.actor(caller));
			return budget(budgetId).flatMap((budget) -> {
				budget.putAll(changes);
				return this.rows.update(AdminTables.BUDGETS, budgetId, changes)
					.doOnSuccess((count) -> this.budgetsChanged.run())
					.then(AdminJson.ok(KeyRows.publicView(budget)));
			});
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
				.concatMap((id) -> this.rows.find(AdminTables.BUDGETS, id))
				.map(KeyRows::publicView)
				.collectList()
				.flatMap(AdminJson::ok);
		});
	}

	/** {@code GET /budget/list}: every budget, newest first (at most 10,000). */
	public Mono<ServerResponse> list(ServerRequest request) {
		AdminAccess.requireReadAll(AdminAccess.caller(request.exchange()), "/budget/list");
		return this.rows.findAll(AdminTables.BUDGETS, Map.of(), 10_000, 0)
			.map(KeyRows::publicView)
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
			return budget(budgetId)
				.flatMap((budget) -> this.rows.count(AdminTables.CUSTOMERS, Map.of("budget_id", budgetId))
					.flatMap((users) -> (users > 0)
							? Mono.error(new BadRequestError("Budget " + budgetId + " is still used by " + users
									+ " end users: give them another budget first", null, "id"))
							: this.rows.delete(AdminTables.BUDGETS, budgetId))
					.doOnSuccess((count) -> this.budgetsChanged.run())
					.then(AdminJson.ok(KeyRows.publicView(budget))));
		});
	}

	private Mono<Map<String, @Nullable Object>> budget(String budgetId) {
		return this.rows.find(AdminTables.BUDGETS, budgetId)
			.switchIfEmpty(Mono
				.error(() -> new NotFoundError("Budget not found, passed budget_id=" + budgetId, null, "budget_id")));
	}

	private Map<String, @Nullable Object> changes(RequestFields fields) {
		fields.refuseAny(NOT_ENFORCED, (field) -> field + " of a budget is not enforced by this gateway (only "
				+ "max_budget and budget_duration are, for the end users that name the budget)");
		Map<String, @Nullable Object> budget = new LinkedHashMap<>();
		if (fields.has("max_budget")) {
			budget.put("max_budget", fields.budget("max_budget"));
		}
		if (fields.has("budget_duration")) {
			BudgetDuration period = fields.duration("budget_duration");
			budget.put("budget_duration", (period != null) ? period.toString() : null);
			OffsetDateTime resetAt = resetAt(fields);
			budget.put("budget_reset_at", (resetAt != null) ? resetAt
					: (period != null) ? period.addTo(this.keys.now().toZonedDateTime()).toOffsetDateTime() : null);
		}
		else if (fields.has("budget_reset_at")) {
			budget.put("budget_reset_at", resetAt(fields));
		}
		return budget;
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
