package dev.llmgw.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmgw.gateway.admin.AdminTables;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.storage.RowStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Recognises virtual keys ({@code sk-...}) by their SHA-256 through an in-process cache,
 * reading the database only on a miss. Entries live at most a minute (LiteLLM's own auth
 * cache time) and are dropped at once when the admin API, on this or any instance,
 * changes the key, its user or its team. Unknown keys are cached as unknown too, so that
 * a flood of bad keys does not become a flood of queries; creating a key drops that
 * entry.
 */
public final class VirtualKeyAuthenticator implements KeyAuthenticator {

	private final RowStore rows;

	private final Clock clock;

	private final AsyncCache<String, Optional<CachedKey>> cache;

	private final KeySpendTracker spend;

	public VirtualKeyAuthenticator(RowStore rows, Clock clock, Duration timeToLive, long maximumSize,
			KeySpendTracker spend) {
		this.rows = rows;
		this.spend = spend;
		this.clock = clock;
		this.cache = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(maximumSize).buildAsync();
	}

	@Override
	public Mono<CallerIdentity> authenticate(String key) {
		if (!key.startsWith("sk-")) {
			return Mono.empty();
		}
		String hash = KeyHashes.sha256Hex(key);
		CompletableFuture<Optional<CachedKey>> entry = this.cache.get(hash,
				(token, executor) -> load(token).map(Optional::of).defaultIfEmpty(Optional.empty()).toFuture());
		return Mono.fromFuture(entry, true).flatMap((found) -> found.map(this::admit).orElseGet(Mono::empty));
	}

	void evictKey(String tokenHash) {
		this.cache.synchronous().invalidate(tokenHash);
	}

	void evictUser(String userId) {
		evictWhere((cached) -> userId.equals(cached.userId()));
	}

	void evictTeam(String teamId) {
		evictWhere((cached) -> teamId.equals(cached.teamId()));
	}

	void evictAll() {
		this.cache.synchronous().invalidateAll();
	}

	private void evictWhere(java.util.function.Predicate<CachedKey> matches) {
		this.cache.synchronous()
			.asMap()
			.entrySet()
			.removeIf((entry) -> entry.getValue().map(matches::test).orElse(false));
	}

	private Mono<CallerIdentity> admit(CachedKey key) {
		if (key.blocked()) {
			return Mono.error(new AuthenticationError(
					"Authentication Error, Key is blocked. Update via `/key/unblock` if you're admin."));
		}
		if (key.teamBlocked()) {
			return Mono.error(new AuthenticationError("Authentication Error, Team=" + key.teamId()
					+ " is blocked. Update via `/team/unblock` if your admin."));
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		if (key.expires() != null && key.expires().isBefore(now)) {
			// LiteLLM answers 400 here; issue 5 asks for 401, like every other key the
			// gateway will not accept
			return Mono.error(new AuthenticationError(
					"Authentication Error - Expired Key. Key Expiry time " + key.expires() + " and current time " + now,
					"expired_key", key.keyName()));
		}
		return Mono.just(key.toCaller());
	}

	private Mono<CachedKey> load(String hash) {
		return this.rows.find(AdminTables.KEYS, hash).doOnNext((fresh) -> this.spend.reset(hash)).flatMap((keyRow) -> {
			Object userId = keyRow.get("user_id");
			Object teamId = keyRow.get("team_id");
			Mono<Optional<Map<String, @Nullable Object>>> user = (userId != null)
					? this.rows.find(AdminTables.USERS, userId).map(Optional::of).defaultIfEmpty(Optional.empty())
					: Mono.just(Optional.empty());
			Mono<Optional<Map<String, @Nullable Object>>> team = (teamId != null)
					? this.rows.find(AdminTables.TEAMS, teamId).map(Optional::of).defaultIfEmpty(Optional.empty())
					: Mono.just(Optional.empty());
			return Mono.zip(user, team)
				.map((both) -> cached(hash, keyRow, both.getT1().orElse(null), both.getT2().orElse(null)));
		});
	}

	private static CachedKey cached(String hash, Map<String, @Nullable Object> key,
			@Nullable Map<String, @Nullable Object> user, @Nullable Map<String, @Nullable Object> team) {
		String role = (user != null && user.get("user_role") != null) ? (String) user.get("user_role")
				: CallerIdentity.INTERNAL_USER;
		ModelAccess access = new ModelAccess(strings(key.get("models")),
				(team != null) ? strings(team.get("models")) : List.of(),
				(user != null) ? strings(user.get("models")) : List.of());
		return new CachedKey(hash, (String) key.get("key_name"), (String) key.get("user_id"),
				(String) key.get("team_id"), role, (OffsetDateTime) key.get("expires"),
				Boolean.TRUE.equals(key.get("blocked")), team != null && Boolean.TRUE.equals(team.get("blocked")),
				access, limits(key, user, team),
				new CallerBudgets(budget(hash, key), budget(key.get("user_id"), user), budget(key.get("team_id"), team),
						modelBudgets(key.get("model_max_budget"))),
				(key.get("spend") instanceof Number spend) ? spend.doubleValue() : 0.0);
	}

	/**
	 * model_max_budget: {"gpt-4o": {"budget_limit": 10, "time_period": "1d"}}; malformed
	 * entries are skipped.
	 */
	private static Map<String, CallerBudgets.ModelBudget> modelBudgets(@Nullable Object value) {
		if (!(value instanceof Map<?, ?> map)) {
			return Map.of();
		}
		Map<String, CallerBudgets.ModelBudget> budgets = new java.util.HashMap<>();
		map.forEach((model, entry) -> {
			if (entry instanceof Map<?, ?> budget && budget.get("budget_limit") instanceof Number limit) {
				Object period = budget.get("time_period");
				budgets.put(String.valueOf(model), new CallerBudgets.ModelBudget(limit.doubleValue(),
						(period != null) ? period.toString() : null));
			}
		});
		return Map.copyOf(budgets);
	}

	private static @Nullable BudgetState budget(@Nullable Object id, @Nullable Map<String, @Nullable Object> row) {
		if (id == null || row == null || !(row.get("max_budget") instanceof Number max)) {
			return null;
		}
		double spend = (row.get("spend") instanceof Number spent) ? spent.doubleValue() : 0.0;
		return new BudgetState(id.toString(), max.doubleValue(), spend, (OffsetDateTime) row.get("budget_reset_at"),
				(String) row.get("budget_duration"));
	}

	private static CallerLimits limits(Map<String, @Nullable Object> key, @Nullable Map<String, @Nullable Object> user,
			@Nullable Map<String, @Nullable Object> team) {
		Object metadata = key.get("metadata");
		Map<?, ?> meta = (metadata instanceof Map<?, ?> map) ? map : Map.of();
		return new CallerLimits(number(key.get("rpm_limit")), number(key.get("tpm_limit")),
				number(key.get("max_parallel_requests")), perModel(meta.get("model_rpm_limit")),
				perModel(meta.get("model_tpm_limit")), (user != null) ? number(user.get("rpm_limit")) : null,
				(user != null) ? number(user.get("tpm_limit")) : null,
				(user != null) ? number(user.get("max_parallel_requests")) : null,
				(team != null) ? number(team.get("rpm_limit")) : null,
				(team != null) ? number(team.get("tpm_limit")) : null,
				(team != null) ? number(team.get("max_parallel_requests")) : null);
	}

	private static @Nullable Long number(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : null;
	}

	private static Map<String, Long> perModel(@Nullable Object value) {
		if (!(value instanceof Map<?, ?> map)) {
			return Map.of();
		}
		Map<String, Long> limits = new java.util.HashMap<>();
		map.forEach((model, limit) -> {
			if (limit instanceof Number number) {
				limits.put(String.valueOf(model), number.longValue());
			}
		});
		return Map.copyOf(limits);
	}

	private static List<String> strings(@Nullable Object value) {
		if (!(value instanceof List<?> list)) {
			return List.of();
		}
		return list.stream().map(String::valueOf).toList();
	}

}
