package dev.llmgw.gateway.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.ServiceUnavailableError;
import dev.llmgw.gateway.redis.LuaScript;
import dev.llmgw.gateway.redis.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Budgets shared by every instance: one Lua script admits a call on all its budgets and
 * reserves its estimate under the call's reservation id
 * (resources/scripts/budget_admit.lua), another settles it exactly once. Budgets never
 * fail open:
 * <ul>
 * <li>a budget Redis has no count for (a new period, a day idle, a Redis that restarted
 * empty) starts from the database's spend, read fresh, plus what this instance has not
 * written yet; never from zero or from the figure cached with the key;</li>
 * <li>while Redis does not answer (down, or frozen past the short timeout; after one
 * failure the shared connection answers at once until Redis is back), each instance holds
 * the budgets from the database ({@link DatabaseBudgetFallback}), and what it settled
 * meanwhile is added to Redis's counts once Redis answers again, unless Redis lost its
 * counts, which are then read again from the database.</li>
 * </ul>
 */
public final class RedisBudgetLedger implements BudgetLedger {

	private static final Logger log = LoggerFactory.getLogger(RedisBudgetLedger.class);

	private static final LuaScript ADMIT = LuaScript.load("budget_admit.lua");

	private static final LuaScript SETTLE = LuaScript.load("budget_settle.lua");

	/**
	 * A period's counts live a day past their last use; the database has them after that.
	 */
	private static final long TTL_SECONDS = 86_400;

	/**
	 * Settles waiting for Redis, at most: past this the oldest are dropped (and counted).
	 */
	private static final int MAX_OWED = 100_000;

	private final SharedRedis redis;

	private final Duration timeout;

	private final BudgetSeeds seeds;

	private final PendingSpend pending;

	private final DatabaseBudgetFallback fallback;

	/** Makes reservation ids unique across instances. */
	private final String instance = UUID.randomUUID().toString().substring(0, 8);

	private final AtomicLong sequence = new AtomicLong();

	/** The epoch Redis showed last: a new one means Redis lost its counts. */
	private volatile @Nullable String epoch;

	/** Settles Redis did not take, to be sent again once it answers. */
	private final ConcurrentLinkedQueue<Owed> owed = new ConcurrentLinkedQueue<>();

	private final AtomicInteger owedCount = new AtomicInteger();

	private final AtomicBoolean paying = new AtomicBoolean();

	private final AtomicBoolean away = new AtomicBoolean();

	private final AtomicLong fallbackCount = new AtomicLong();

	private final AtomicLong droppedCount = new AtomicLong();

	/**
	 * @param redis the shared Redis
	 * @param timeout how long a budget waits for Redis before holding budgets from the
	 * database
	 * @param seeds the database's spend, for budgets Redis has no count for and while it
	 * is away
	 * @param pending what this instance has charged and not written yet
	 */
	public RedisBudgetLedger(SharedRedis redis, Duration timeout, BudgetSeeds seeds, PendingSpend pending) {
		this.redis = redis;
		this.timeout = timeout;
		this.seeds = seeds;
		this.pending = pending;
		this.fallback = new DatabaseBudgetFallback(seeds, pending, Duration.ofMillis(100));
	}

	/** How many admissions were held from the database because Redis did not answer. */
	public long fallbackCount() {
		return this.fallbackCount.get();
	}

	@Override
	public Mono<BudgetDecision> admit(List<BudgetCheck> checks, long estimateNanos) {
		String reservation = this.instance + ":" + this.sequence.incrementAndGet();
		return run(checks, estimateNanos, reservation, null).flatMap((result) -> {
			if (((Number) result.get(0)).intValue() != 2) {
				return Mono.just(result);
			}
			// budgets Redis has no count for start from the database's spend
			List<Integer> missing = new ArrayList<>();
			for (int i = 2; i < result.size(); i++) {
				missing.add(((Number) result.get(i)).intValue() - 1);
			}
			return Flux.fromIterable(missing)
				.concatMap((index) -> seed(checks.get(index)))
				.collectList()
				.flatMap((figures) -> {
					String[] inits = new String[checks.size()];
					for (int i = 0; i < missing.size(); i++) {
						inits[missing.get(i)] = Long.toString(figures.get(i));
					}
					return run(checks, estimateNanos, reservation, inits);
				});
		}).map((result) -> decision(result, checks, estimateNanos, reservation)).onErrorResume((error) -> {
			if (error instanceof GatewayError) {
				return Mono.error(error);
			}
			if (this.away.compareAndSet(false, true)) {
				log.warn("Redis did not answer a budget check ({}): holding budgets from the database until it does",
						error.toString());
			}
			this.fallbackCount.incrementAndGet();
			// had the script run after all, its reservation is given back with the settle
			return this.fallback.admit(checks, estimateNanos, reservation);
		});
	}

	@Override
	public Mono<Void> settle(BudgetDecision decision, long actualNanos) {
		if (decision.checks().isEmpty()) {
			return Mono.empty();
		}
		if (decision.local()) {
			this.fallback.release(decision);
		}
		Owed settle = new Owed(decision, actualNanos);
		return send(settle).onErrorResume((error) -> {
			owe(settle);
			return Mono.empty();
		});
	}

	/**
	 * Runs the admission script.
	 * @param inits per budget, the spend to start a missing count from; null when not yet
	 * read
	 */
	private Mono<List<Object>> run(List<BudgetCheck> checks, long estimateNanos, String reservation,
			String @Nullable [] inits) {
		String[] args = new String[5 + checks.size() * 3];
		args[0] = Integer.toString(checks.size());
		args[1] = Long.toString(estimateNanos);
		args[2] = Long.toString(TTL_SECONDS);
		args[3] = reservation;
		// unique to this call: should this Redis have no epoch yet, this one becomes it
		args[4] = reservation;
		for (int i = 0; i < checks.size(); i++) {
			BudgetCheck check = checks.get(i);
			args[5 + i * 3] = Long.toString(check.maxNanos());
			args[6 + i * 3] = (inits != null && inits[i] != null) ? inits[i] : "";
			args[7 + i * 3] = check.strict() ? "1" : "0";
		}
		return this.redis.<List<Object>>run(ADMIT, ScriptOutputType.MULTI, keys(checks), args, this.timeout)
			.doOnNext((result) -> answered(String.valueOf(result.get(1))));
	}

	/** A budget's starting count: the database's spend and this instance's unwritten. */
	private Mono<Long> seed(BudgetCheck check) {
		return this.seeds.spentNanos(check)
			.map((spent) -> spent + this.pending.pendingNanos(check.kind(), check.id()))
			.onErrorMap(
					(error) -> new ServiceUnavailableError("Budgets cannot be checked: the database does not answer ("
							+ error.getMessage() + "). Please retry shortly."));
	}

	private static BudgetDecision decision(List<Object> result, List<BudgetCheck> checks, long estimateNanos,
			String reservation) {
		int code = ((Number) result.get(0)).intValue();
		if (code == 1) {
			return new BudgetDecision(true, null, 0, checks, estimateNanos, reservation, false);
		}
		if (code != 0) {
			throw new IllegalStateException("budget counts vanished while being seeded");
		}
		int refused = ((Number) result.get(2)).intValue();
		return new BudgetDecision(false, checks.get(refused - 1), ((Number) result.get(3)).longValue(), List.of(), 0,
				reservation, false);
	}

	/**
	 * Redis answered: when it is the Redis of before, what it is owed is paid; when it
	 * lost its counts, they are read again from the database and the debts are moot.
	 */
	private void answered(String current) {
		String previous = this.epoch;
		this.epoch = current;
		if (this.away.compareAndSet(true, false)) {
			log.info("Redis answers budget checks again");
		}
		if (previous != null && !previous.equals(current)) {
			int dropped = 0;
			while (this.owed.poll() != null) {
				dropped++;
			}
			this.owedCount.addAndGet(-dropped);
			log.warn("Redis lost its budget counts: they start again from the database's spend");
			return;
		}
		if (this.owedCount.get() > 0 && this.paying.compareAndSet(false, true)) {
			pay().doFinally((signal) -> this.paying.set(false)).subscribe();
		}
	}

	private Mono<Void> pay() {
		return Mono.defer(() -> {
			Owed next = this.owed.poll();
			if (next == null) {
				return Mono.empty();
			}
			this.owedCount.decrementAndGet();
			return send(next).then(pay()).onErrorResume((error) -> {
				owe(next);
				return Mono.empty();
			});
		});
	}

	private Mono<Void> send(Owed settle) {
		BudgetDecision decision = settle.decision();
		return this.redis
			.<Long>run(SETTLE, ScriptOutputType.INTEGER, keys(decision.checks()),
					new String[] { decision.reservation(), Long.toString(settle.actualNanos()),
							decision.local() ? "1" : "0" },
					this.timeout)
			.then();
	}

	private void owe(Owed settle) {
		this.owed.add(settle);
		if (this.owedCount.incrementAndGet() > MAX_OWED && this.owed.poll() != null) {
			this.owedCount.decrementAndGet();
			long dropped = this.droppedCount.incrementAndGet();
			if (dropped % 1000 == 1) {
				log.warn("{} budget settles dropped while Redis was away: their spend is in the database, "
						+ "and Redis counts it once the budgets' counts expire", dropped);
			}
		}
	}

	private static String[] keys(List<BudgetCheck> checks) {
		String[] keys = new String[checks.size() * 3];
		for (int i = 0; i < checks.size(); i++) {
			keys[3 * i] = checks.get(i).spentKey();
			keys[3 * i + 1] = checks.get(i).reservedKey();
			keys[3 * i + 2] = checks.get(i).holdsKey();
		}
		return keys;
	}

	/** A settle Redis has not taken yet. */
	private record Owed(BudgetDecision decision, long actualNanos) {

	}

}
