package dev.llmgw.gateway.budget;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmgw.gateway.auth.BudgetState;
import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.RowStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What admission needs of an end user (a request's {@code user}): whether it is blocked
 * and its budget, from the customer row and its budget row, cached for a minute so that a
 * request reads no database. An end user without a budget of its own (none named, or
 * never seen) is held, as in LiteLLM, to litellm_settings.max_end_user_budget_id's budget
 * row, else to max_end_user_budget (which never resets).
 */
public final class EndUsers {

	/**
	 * An end user as admission sees it.
	 *
	 * @param blocked whether its calls are refused
	 * @param budget its budget, null without one
	 */
	public record EndUser(boolean blocked, @Nullable BudgetState budget) {

		static final EndUser UNKNOWN = new EndUser(false, null);

	}

	private final RowStore rows;

	private final AsyncCache<String, EndUser> cache;

	private final @Nullable Double defaultMax;

	private final @Nullable String defaultBudgetId;

	/**
	 * @param defaultMax litellm_settings.max_end_user_budget
	 * @param defaultBudgetId litellm_settings.max_end_user_budget_id
	 */
	public EndUsers(RowStore rows, Duration timeToLive, @Nullable Double defaultMax, @Nullable String defaultBudgetId) {
		this.rows = rows;
		this.defaultMax = defaultMax;
		this.defaultBudgetId = defaultBudgetId;
		this.cache = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(100_000).buildAsync();
	}

	public Mono<EndUser> find(String id) {
		return Mono.fromFuture(this.cache.get(id, (key, executor) -> load(key).toFuture()), true);
	}

	public void evict(String id) {
		this.cache.synchronous().invalidate(id);
	}

	/** After a shared budget changed: every end user's budget is read again. */
	public void evictAll() {
		this.cache.synchronous().invalidateAll();
	}

	private Mono<EndUser> load(String id) {
		return this.rows.find(AdminTables.CUSTOMERS, id).flatMap((customer) -> {
			boolean blocked = Boolean.TRUE.equals(customer.get("blocked"));
			double spend = (customer.get("spend") instanceof Number number) ? number.doubleValue() : 0.0;
			Object budgetId = customer.get("budget_id");
			if (budgetId == null) {
				return byDefault(id, blocked, spend);
			}
			return this.rows.find(AdminTables.BUDGETS, budgetId)
				.map((budget) -> new EndUser(blocked, state(id, spend, budget)))
				.defaultIfEmpty(new EndUser(blocked, null));
		}).switchIfEmpty(Mono.defer(() -> byDefault(id, false, 0.0)));
	}

	/** An end user without a budget of its own: the configured default, if any. */
	private Mono<EndUser> byDefault(String id, boolean blocked, double spend) {
		Mono<EndUser> byAmount = Mono.fromSupplier(() -> new EndUser(blocked,
				(this.defaultMax != null) ? new BudgetState(id, this.defaultMax, spend, null, null) : null));
		if (this.defaultBudgetId == null) {
			return byAmount;
		}
		return this.rows.find(AdminTables.BUDGETS, this.defaultBudgetId)
			.flatMap((budget) -> Mono.justOrEmpty(state(id, spend, budget)))
			.map((budget) -> new EndUser(blocked, budget))
			.switchIfEmpty(byAmount);
	}

	private static @Nullable BudgetState state(String id, double spend, Map<String, @Nullable Object> budget) {
		if (!(budget.get("max_budget") instanceof Number max)) {
			return null;
		}
		return new BudgetState(id, max.doubleValue(), spend, (OffsetDateTime) budget.get("budget_reset_at"),
				(String) budget.get("budget_duration"));
	}

}
