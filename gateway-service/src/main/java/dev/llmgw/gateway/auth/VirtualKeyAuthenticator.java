package dev.llmgw.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.DatabaseFaults;
import dev.llmgw.gateway.error.ServiceUnavailableError;
import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.RowStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Recognises virtual keys ({@code sk-...}) by their SHA-256 through an in-process cache,
 * reading the database only on a miss. Entries live at most a minute (LiteLLM's own auth
 * cache time) and are dropped at once when the admin API, on this or any instance,
 * changes the key, its user or its team. Unknown keys are cached as unknown too, so that
 * a flood of bad keys does not become a flood of queries; creating a key drops that
 * entry.
 * <p>
 * While the database cannot be reached, a key it confirmed before the outage is served
 * from the cache for up to {@code staleIfError} past its time to live (HTTP's
 * {@code stale-if-error}, RFC 5861 §4): the gateway keeps serving the callers it knows
 * instead of failing them all a minute into the outage. What the cache holds is what the
 * database said last, so a key blocked or deleted before the outage stays refused. A key
 * the cache does not vouch for gets the 503 of the unreachable database.
 */
public final class VirtualKeyAuthenticator implements KeyAuthenticator {

	private static final Logger log = LoggerFactory.getLogger(VirtualKeyAuthenticator.class);

	/**
	 * How long a reload of a key that can be served stale may take: a database that does
	 * not answer (a network partition rather than a refusal) must not hold its callers
	 * for the pool's whole acquire time.
	 */
	private static final Duration RELOAD_PATIENCE = Duration.ofSeconds(2);

	private final RowStore rows;

	private final Clock clock;

	private final Duration timeToLive;

	private final Duration staleIfError;

	private final AsyncCache<String, CachedLookup> cache;

	private final KeySpendTracker spend;

	/**
	 * Whether the database is known to be unreachable, so that an outage is logged once.
	 */
	private final AtomicBoolean databaseDown = new AtomicBoolean();

	/**
	 * @param timeToLive how long the database's answer is used before it is asked again
	 * @param staleIfError how much longer a known key is served while the database cannot
	 * be reached
	 */
	public VirtualKeyAuthenticator(RowStore rows, Clock clock, Duration timeToLive, Duration staleIfError,
			long maximumSize, KeySpendTracker spend) {
		this.rows = rows;
		this.spend = spend;
		this.clock = clock;
		this.timeToLive = timeToLive;
		this.staleIfError = staleIfError;
		// the entries' freshness is read from the clock; this bound only frees memory
		this.cache = Caffeine.newBuilder()
			.expireAfterWrite(timeToLive.plus(staleIfError))
			.maximumSize(maximumSize)
			.buildAsync();
	}

	@Override
	public Mono<CallerIdentity> authenticate(String key) {
		if (!key.startsWith("sk-")) {
			return Mono.empty();
		}
		return authenticateHash(KeyHashes.sha256Hex(key));
	}

	/**
	 * The caller of a key known by its hash alone (a UI session holds the hash, never the
	 * key), with the same refusals as the key itself: blocked, expired or deleted.
	 */
	public Mono<CallerIdentity> authenticateHash(String hash) {
		return Mono.fromFuture(lookup(hash), true).flatMap((found) -> {
			if (found.failure() != null) {
				return Mono.error(found.failure());
			}
			return found.key().map(this::admit).orElseGet(Mono::empty);
		});
	}

	/**
	 * The cached answer while it is fresh, else one reload shared by every caller of the
	 * same key.
	 */
	private CompletableFuture<CachedLookup> lookup(String hash) {
		return this.cache.asMap().compute(hash, (token, current) -> {
			if (current != null && !current.isDone()) {
				return current;
			}
			CachedLookup settled = (current != null) ? current.getNow(null) : null;
			Instant now = this.clock.instant();
			if (settled != null && settled.fresh(now)) {
				return current;
			}
			return reload(token, settled, now).toFuture();
		});
	}

	private Mono<CachedLookup> reload(String hash, @Nullable CachedLookup previous, Instant now) {
		Mono<CachedLookup> loaded = load(hash).map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.map((key) -> new CachedLookup(key, now, now.plus(this.timeToLive), null))
			.doOnNext((ignored) -> recovered());
		if (previous != null && previous.key().isPresent()) {
			Instant servableUntil = previous.loadedAt().plus(this.timeToLive).plus(this.staleIfError);
			loaded = loaded.timeout(RELOAD_PATIENCE)
				.onErrorResume((error) -> unreachable(error) && this.clock.instant().isBefore(servableUntil),
						(error) -> Mono.just(stale(previous, error, servableUntil)));
		}
		return loaded.onErrorResume((error) -> Mono.just(CachedLookup.failed(reported(error), this.clock.instant())));
	}

	/**
	 * A reload that ran out of patience is the database not answering; anything else is
	 * reported as it is, and the error rendering tells an outage from a fault.
	 */
	private Throwable reported(Throwable error) {
		Throwable reported = (error instanceof TimeoutException) ? ServiceUnavailableError.databaseUnreachable()
				: error;
		if (unreachable(reported)) {
			outage(reported);
		}
		return reported;
	}

	/**
	 * The previous answer, asked again after another time to live (not on every request:
	 * a database that does not answer would slow each one down), never past the bound.
	 */
	private CachedLookup stale(CachedLookup previous, Throwable error, Instant servableUntil) {
		outage(error);
		Instant recheckAt = this.clock.instant().plus(this.timeToLive);
		return new CachedLookup(previous.key(), previous.loadedAt(),
				recheckAt.isBefore(servableUntil) ? recheckAt : servableUntil, null);
	}

	private void outage(Throwable error) {
		if (this.databaseDown.compareAndSet(false, true)) {
			log.warn(
					"The database is unreachable ({}): keys it confirmed before are served from the auth cache "
							+ "for up to {} past their time to live; other keys are refused with 503",
					error.toString(), this.staleIfError);
		}
	}

	private void recovered() {
		if (this.databaseDown.compareAndSet(true, false)) {
			log.info("The database answers again: keys are read from it as usual");
		}
	}

	private static boolean unreachable(Throwable error) {
		return DatabaseFaults.isUnreachable(error) || error instanceof TimeoutException
				|| error instanceof ServiceUnavailableError;
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
			.removeIf((entry) -> entry.getValue().key().map(matches::test).orElse(false));
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
		return new CachedKey(hash, (String) key.get("key_name"), (String) key.get("key_alias"),
				(String) key.get("user_id"), (String) key.get("team_id"), role, (OffsetDateTime) key.get("expires"),
				Boolean.TRUE.equals(key.get("blocked")), team != null && Boolean.TRUE.equals(team.get("blocked")),
				access, limits(key, user, team),
				new CallerBudgets(budget(hash, key), budget(key.get("user_id"), user), budget(key.get("team_id"), team),
						modelBudgets(key.get("model_max_budget"))),
				(key.get("spend") instanceof Number spend) ? spend.doubleValue() : 0.0, guardrails(key, team),
				(team != null && team.get("team_alias") instanceof String alias) ? alias : null,
				(user != null && user.get("user_email") instanceof String email) ? email : null,
				turnOffMessageLogging(key, team), strings(key.get("allowed_routes")));
	}

	/**
	 * LiteLLM's per-key and per-team logging settings, {@code metadata.logging}: a list
	 * of callbacks, each with {@code callback_vars}; a {@code turn_off_message_logging}
	 * there, the key's first, redacts the key's calls in every callback.
	 */
	private static @Nullable Boolean turnOffMessageLogging(Map<String, @Nullable Object> key,
			@Nullable Map<String, @Nullable Object> team) {
		for (Object metadata : new Object[] { key.get("metadata"), (team != null) ? team.get("metadata") : null }) {
			if (metadata instanceof Map<?, ?> map && map.get("logging") instanceof List<?> callbacks) {
				for (Object callback : callbacks) {
					if (callback instanceof Map<?, ?> entry && entry.get("callback_vars") instanceof Map<?, ?> vars) {
						Object flag = vars.get("turn_off_message_logging");
						if (flag instanceof Boolean given) {
							return given;
						}
						if (flag instanceof String text && !text.isBlank()) {
							return Boolean.parseBoolean(text.trim());
						}
					}
				}
			}
		}
		return null;
	}

	/** The key's and its team's {@code metadata.guardrails}, each name once. */
	private static List<String> guardrails(Map<String, @Nullable Object> key,
			@Nullable Map<String, @Nullable Object> team) {
		java.util.Set<String> names = new java.util.LinkedHashSet<>();
		for (Object metadata : new Object[] { key.get("metadata"), (team != null) ? team.get("metadata") : null }) {
			if (metadata instanceof Map<?, ?> map) {
				names.addAll(strings(map.get("guardrails")));
			}
		}
		return List.copyOf(names);
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
