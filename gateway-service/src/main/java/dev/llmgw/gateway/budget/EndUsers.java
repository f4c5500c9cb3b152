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
 * request reads no database.
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

	public EndUsers(RowStore rows, Duration timeToLive) {
		this.rows = rows;
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
				return Mono.just(new EndUser(blocked, null));
			}
			return this.rows.find(AdminTables.BUDGETS, budgetId)
				.map((budget) -> new EndUser(blocked, state(id, spend, budget)))
				.defaultIfEmpty(new EndUser(blocked, null));
		}).defaultIfEmpty(EndUser.UNKNOWN);
	}

	private static @Nullable BudgetState state(String id, double spend, Map<String, @Nullable Object> budget) {
		if (!(budget.get("max_budget") instanceof Number max)) {
			return null;
		}
		return new BudgetState(id, max.doubleValue(), spend, (OffsetDateTime) budget.get("budget_reset_at"),
				(String) budget.get("budget_duration"));
	}

}
