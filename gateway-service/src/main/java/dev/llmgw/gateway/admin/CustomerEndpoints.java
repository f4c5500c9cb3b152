package dev.llmgw.gateway.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
 * {@code /customer/*} (also {@code /end_user/*}): end users, the {@code user} of a
 * request. Their limits and budget live in a budget row, shown as
 * {@code litellm_budget_table}, as in LiteLLM.
 */
public final class CustomerEndpoints {

	private static final List<String> BUDGET_FIELDS = List.of("max_budget", "budget_duration");

	/**
	 * LiteLLM's end-user limits that this gateway does not enforce: refused by name
	 * rather than stored and ignored.
	 */
	private static final List<String> NOT_ENFORCED = List.of("soft_budget", "tpm_limit", "rpm_limit",
			"max_parallel_requests", "model_max_budget");

	private final RowStore rows;

	private final KeyRows keys;

	private final JsonBodyReader bodies;

	private final Consumer<String> changed;

	/**
	 * @param changed told of every customer changed here, so that admission stops using
	 * its cached state
	 */
	CustomerEndpoints(RowStore rows, KeyRows keys, JsonBodyReader bodies, Consumer<String> changed) {
		this.rows = rows;
		this.keys = keys;
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
			Map<String, @Nullable Object> customer = new LinkedHashMap<>();
			customer.put("user_id", userId);
			customer.put("alias", fields.string("alias"));
			customer.put("blocked", Boolean.TRUE.equals(fields.bool("blocked")));
			Double spend = fields.budget("spend");
			customer.put("spend", (spend != null) ? spend : 0.0);
			customer.put("allowed_model_region", region);
			customer.put("default_model", fields.string("default_model"));
			customer.put("created_at", this.keys.now());
			customer.put("updated_at", this.keys.now());
			refuseNotEnforced(fields);
			Map<String, @Nullable Object> budget = budget(fields, fields.string("budget_id"));
			customer.put("budget_id", (budget != null) ? budget.get("budget_id") : fields.string("budget_id"));
			Mono<Void> budgetFree = (budget != null && fields.string("budget_id") != null) ? this.rows
				.find(AdminTables.BUDGETS, fields.string("budget_id"))
				.flatMap((existing) -> Mono.<Void>error(new BadRequestError(
						"Budget " + fields.string("budget_id")
								+ " exists already: name it without budget fields, or change it with /budget/update",
						null, "budget_id")))
					: Mono.empty();
			return budgetFree.then(this.rows.find(AdminTables.CUSTOMERS, userId))
				.flatMap((existing) -> Mono.<Void>error(
						new BadRequestError("Customer already exists, passed user_id=" + userId, null, "user_id")))
				.then(this.rows.database()
					.inTransaction((client) -> ((budget != null) ? this.rows.insert(client, AdminTables.BUDGETS, budget)
							: Mono.<Void>empty())
						.then(this.rows.insert(client, AdminTables.CUSTOMERS, customer))
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
				changes.put("updated_at", this.keys.now());
				customer.putAll(changes);
				Mono<?> budgetChange = Mono.empty();
				if (BUDGET_FIELDS.stream().anyMatch(fields::has)) {
					Object budgetId = customer.get("budget_id");
					Map<String, @Nullable Object> budget = budget(fields,
							(budgetId != null) ? budgetId.toString() : null);
					if (budgetId == null && budget != null) {
						customer.put("budget_id", budget.get("budget_id"));
						changes.put("budget_id", budget.get("budget_id"));
						budgetChange = this.rows.insert(AdminTables.BUDGETS, budget);
					}
					else if (budget != null) {
						// only what the request changes
						if (!fields.has("max_budget")) {
							budget.remove("max_budget");
						}
						if (!fields.has("budget_duration")) {
							budget.remove("budget_duration");
							budget.remove("budget_reset_at");
						}
						budget.remove("budget_id");
						budget.remove("created_at");
						budget.remove("created_by");
						budgetChange = this.rows.update(AdminTables.BUDGETS, budgetId, budget);
					}
				}
				return budgetChange.then(this.rows.update(AdminTables.CUSTOMERS, userId, changes))
					.doOnSuccess((count) -> this.changed.accept(userId))
					.then(view(customer))
					.flatMap(AdminJson::ok);
			});
		});
	}

	public Mono<ServerResponse> delete(ServerRequest request) {
		AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/customer/delete");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			List<String> userIds = new RequestFields(body).requiredStrings("user_ids");
			return Flux.fromIterable(userIds)
				.concatMap((userId) -> this.rows.delete(AdminTables.CUSTOMERS, userId)
					.doOnSuccess((count) -> this.changed.accept(userId)))
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
		return this.rows.findAll(AdminTables.CUSTOMERS, Map.of(), 1000, 0)
			.concatMap(this::view)
			.collectList()
			.flatMap(AdminJson::ok);
	}

	private Mono<ServerResponse> setBlocked(ServerRequest request, boolean blocked) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, blocked ? "/customer/block" : "/customer/unblock");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			List<String> userIds = new RequestFields(body).requiredStrings("user_ids");
			return Flux.fromIterable(userIds).concatMap((userId) -> customer(userId).flatMap((customer) -> {
				Map<String, @Nullable Object> changes = new LinkedHashMap<>();
				changes.put("blocked", blocked);
				changes.put("updated_at", this.keys.now());
				customer.putAll(changes);
				return this.rows.update(AdminTables.CUSTOMERS, userId, changes)
					.doOnSuccess((count) -> this.changed.accept(userId))
					.then(view(customer));
			})).collectList().flatMap((rows) -> AdminJson.ok(Map.of("blocked_users", rows)));
		});
	}

	private Mono<Map<String, @Nullable Object>> customer(String userId) {
		return this.rows.find(AdminTables.CUSTOMERS, userId)
			.switchIfEmpty(Mono
				.error(() -> new NotFoundError("Customer not found, passed user_id=" + userId, null, "user_id")));
	}

	private Mono<Map<String, @Nullable Object>> view(Map<String, @Nullable Object> customer) {
		Map<String, @Nullable Object> view = KeyRows.publicView(customer);
		Object budgetId = customer.get("budget_id");
		if (budgetId == null) {
			view.put("litellm_budget_table", null);
			return Mono.just(view);
		}
		return this.rows.find(AdminTables.BUDGETS, budgetId).map((budget) -> {
			view.put("litellm_budget_table", KeyRows.publicView(budget));
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
	private Mono<Map<String, @Nullable Object>> sharedBudget(Map<String, @Nullable Object> customer,
			RequestFields fields) {
		Object budgetId = customer.get("budget_id");
		if (budgetId == null || BUDGET_FIELDS.stream().noneMatch(fields::has)) {
			return Mono.just(customer);
		}
		return this.rows.count(AdminTables.CUSTOMERS, Map.of("budget_id", budgetId))
			.flatMap(
					(users) -> (users > 1) ? Mono.error(new BadRequestError(
							"End user " + customer.get("user_id") + " shares budget " + budgetId + " with "
									+ (users - 1) + " other end users: change it with /budget/update",
							null, "budget_id")) : Mono.just(customer));
	}

	/** A budget row from the request's budget fields, or null when it has none. */
	private @Nullable Map<String, @Nullable Object> budget(RequestFields fields, @Nullable String budgetId) {
		if (BUDGET_FIELDS.stream().noneMatch(fields::has)) {
			return null;
		}
		Map<String, @Nullable Object> budget = new LinkedHashMap<>();
		budget.put("budget_id", (budgetId != null) ? budgetId : Ids.uuid());
		budget.put("max_budget", fields.budget("max_budget"));
		BudgetDuration period = fields.duration("budget_duration");
		budget.put("budget_duration", (period != null) ? period.toString() : null);
		budget.put("budget_reset_at",
				(period != null) ? period.addTo(this.keys.now().toZonedDateTime()).toOffsetDateTime() : null);
		budget.put("created_at", this.keys.now());
		budget.put("updated_at", this.keys.now());
		return budget;
	}

}
