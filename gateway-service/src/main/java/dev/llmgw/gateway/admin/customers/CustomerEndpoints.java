package dev.llmgw.gateway.admin.customers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.llmgw.gateway.admin.AdminAccess;
import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.AdminJson;
import dev.llmgw.gateway.admin.AdminViews;
import dev.llmgw.gateway.admin.RequestFields;
import dev.llmgw.gateway.admin.budgets.BudgetRules;
import dev.llmgw.gateway.admin.store.BudgetRow;
import dev.llmgw.gateway.admin.store.BudgetStore;
import dev.llmgw.gateway.admin.store.CustomerRow;
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
 * {@code /customer/*} (also {@code /end_user/*}): end users, the {@code user} of a
 * request. Their limits and budget live in a budget row, shown as
 * {@code litellm_budget_table}, as in LiteLLM.
 */
public final class CustomerEndpoints {

	/**
	 * LiteLLM's end-user limits that this gateway does not enforce: refused by name
	 * rather than stored and ignored.
	 */
	private static final List<String> NOT_ENFORCED = List.of("soft_budget", "tpm_limit", "rpm_limit",
			"max_parallel_requests", "model_max_budget");

	private final CustomerStore customers;

	private final BudgetStore budgets;

	private final BudgetRules budgetRules;

	private final AdminClock clock;

	private final JsonBodyReader bodies;

	private final Consumer<String> changed;

	/**
	 * @param changed told of every customer changed here, so that admission stops using
	 * its cached state
	 */
	CustomerEndpoints(CustomerStore customers, BudgetStore budgets, BudgetRules budgetRules, AdminClock clock,
			JsonBodyReader bodies, Consumer<String> changed) {
		this.customers = customers;
		this.budgets = budgets;
		this.budgetRules = budgetRules;
		this.clock = clock;
		this.bodies = bodies;
		this.changed = changed;
	}

	public Mono<ServerResponse> create(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/customer/new");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String userId = fields.required("user_id");
			String region = fields.string("allowed_model_region");
			if (region != null && !region.equals("eu") && !region.equals("us")) {
				return Mono.error(
						new BadRequestError("allowed_model_region must be 'eu' or 'us'", null, "allowed_model_region"));
			}
			refuseNotEnforced(fields);
			String namedBudget = fields.string("budget_id");
			BudgetRow budget = BudgetRules.setsBudget(fields) ? this.budgetRules.newEndUserBudget(fields, namedBudget)
					: null;
			Double spend = fields.budget("spend");
			CustomerRow customer = new CustomerRow(userId, fields.string("alias"),
					Boolean.TRUE.equals(fields.bool("blocked")), (spend != null) ? spend : 0.0,
					(budget != null) ? budget.budgetId() : namedBudget, region, fields.string("default_model"),
					this.clock.now(), this.clock.now());
			Mono<Void> budgetFree = (budget != null && namedBudget != null)
					? this.budgets.find(namedBudget)
						.flatMap((existing) -> Mono.<Void>error(new BadRequestError("Budget " + namedBudget
								+ " exists already: name it without budget fields, or change it with /budget/update",
								null, "budget_id")))
					: Mono.empty();
			return budgetFree.then(this.customers.find(userId))
				.flatMap((existing) -> Mono.<Void>error(
						new BadRequestError("Customer already exists, passed user_id=" + userId, null, "user_id")))
				.then(this.customers.database()
					.inTransaction(
							(client) -> ((budget != null) ? this.budgets.insert(client, budget) : Mono.<Void>empty())
								.then(this.customers.insert(client, customer))
								.thenReturn(customer)))
				.flatMap(this::view)
				.flatMap(AdminJson::ok);
		});
	}

	public Mono<ServerResponse> info(ServerRequest request) {
		AdminAccess.requireReadAll(AdminAccess.caller(request.exchange()), "/customer/info");
		String userId = request.queryParam("end_user_id").or(() -> request.queryParam("user_id")).orElse(null);
		if (userId == null) {
			return Mono.error(new BadRequestError("Pass end_user_id", null, "end_user_id"));
		}
		return customer(userId).flatMap(this::view).flatMap(AdminJson::ok);
	}

	public Mono<ServerResponse> update(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/customer/update");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String userId = fields.required("user_id");
			refuseNotEnforced(fields);
			return customer(userId).flatMap((customer) -> sharedBudget(customer, fields)).flatMap((customer) -> {
				Map<String, @Nullable Object> changes = new LinkedHashMap<>();
				for (String field : List.of("alias", "allowed_model_region", "default_model")) {
					if (fields.has(field)) {
						changes.put(field, fields.string(field));
					}
				}
				if (fields.has("blocked")) {
					changes.put("blocked", Boolean.TRUE.equals(fields.bool("blocked")));
				}
				changes.put("updated_at", this.clock.now());
				Mono<?> budgetChange = Mono.empty();
				if (BudgetRules.setsBudget(fields)) {
					String budgetId = customer.budgetId();
					if (budgetId == null) {
						BudgetRow budget = this.budgetRules.newEndUserBudget(fields, null);
						changes.put("budget_id", budget.budgetId());
						budgetChange = this.budgets.insert(budget);
					}
					else {
						// only what the request changes
						Map<String, @Nullable Object> budget = this.budgetRules.endUserChanges(fields);
						budget.put("updated_at", this.clock.now());
						budgetChange = this.budgets.update(budgetId, budget);
					}
				}
				return budgetChange.then(this.customers.update(userId, changes))
					.doOnSuccess((count) -> this.changed.accept(userId))
					.then(view(customer.with(changes)))
					.flatMap(AdminJson::ok);
			});
		});
	}

	public Mono<ServerResponse> delete(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/customer/delete");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			List<String> userIds = new RequestFields(body).requiredStrings("user_ids");
			return Flux.fromIterable(userIds)
				.concatMap(
						(userId) -> this.customers.delete(userId).doOnSuccess((count) -> this.changed.accept(userId)))
				.reduce(0L, Long::sum)
				.flatMap((count) -> {
					Map<String, Object> response = new LinkedHashMap<>();
					response.put("deleted_customers", count);
					response.put("message", "Successfully deleted customers with ids: " + userIds);
					return AdminJson.ok(response);
				});
		});
	}

	public Mono<ServerResponse> block(ServerRequest request) {
		return setBlocked(request, true);
	}

	public Mono<ServerResponse> unblock(ServerRequest request) {
		return setBlocked(request, false);
	}

	public Mono<ServerResponse> list(ServerRequest request) {
		AdminAccess.requireReadAll(AdminAccess.caller(request.exchange()), "/customer/list");
		return this.customers.findAll(Map.of(), 1000, 0).concatMap(this::view).collectList().flatMap(AdminJson::ok);
	}

	private Mono<ServerResponse> setBlocked(ServerRequest request, boolean blocked) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, blocked ? "/customer/block" : "/customer/unblock");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			List<String> userIds = new RequestFields(body).requiredStrings("user_ids");
			return Flux.fromIterable(userIds).concatMap((userId) -> customer(userId).flatMap((customer) -> {
				Map<String, @Nullable Object> changes = new LinkedHashMap<>();
				changes.put("blocked", blocked);
				changes.put("updated_at", this.clock.now());
				return this.customers.update(userId, changes)
					.doOnSuccess((count) -> this.changed.accept(userId))
					.then(view(customer.with(changes)));
			})).collectList().flatMap((rows) -> AdminJson.ok(Map.of("blocked_users", rows)));
		});
	}

	private Mono<CustomerRow> customer(String userId) {
		return this.customers.find(userId)
			.switchIfEmpty(Mono
				.error(() -> new NotFoundError("Customer not found, passed user_id=" + userId, null, "user_id")));
	}

	/** A customer as LiteLLM shows one: with its budget row as litellm_budget_table. */
	private Mono<Map<String, @Nullable Object>> view(CustomerRow customer) {
		Map<String, @Nullable Object> view = AdminViews.publicView(customer);
		String budgetId = customer.budgetId();
		if (budgetId == null) {
			view.put("litellm_budget_table", null);
			return Mono.just(view);
		}
		return this.budgets.find(budgetId).map((budget) -> {
			view.put("litellm_budget_table", AdminViews.publicView(budget));
			return view;
		}).defaultIfEmpty(view);
	}

	private static void refuseNotEnforced(RequestFields fields) {
		fields.refuseAny(NOT_ENFORCED, (field) -> field + " of an end user is not enforced by this gateway (max_budget "
				+ "and budget_duration are)");
	}

	/**
	 * A customer whose budget other end users share too cannot change it through
	 * {@code /customer/update}: that would change theirs. {@code /budget/update} says so.
	 */
	private Mono<CustomerRow> sharedBudget(CustomerRow customer, RequestFields fields) {
		String budgetId = customer.budgetId();
		if (budgetId == null || !BudgetRules.setsBudget(fields)) {
			return Mono.just(customer);
		}
		return this.customers.countWithBudget(budgetId)
			.flatMap(
					(users) -> (users > 1)
							? Mono.error(new BadRequestError(
									"End user " + customer.userId() + " shares budget " + budgetId + " with "
											+ (users - 1) + " other end users: change it with " + "/budget/update",
									null, "budget_id"))
							: Mono.just(customer));
	}

}
