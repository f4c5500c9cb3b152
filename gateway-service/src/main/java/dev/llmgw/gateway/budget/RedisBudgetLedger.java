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
	private final ConcurrentLinkedQueue<SettleShare> owed = new ConcurrentLinkedQueue<>();

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

	/** How long a budget waits for Redis before holding budgets from the database. */
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public Mono<BudgetDecision> admit(List<BudgetCheck> checks, long estimateNanos) {
		AdmitShare share = admitShare(checks, estimateNanos);
		return run(share, null).flatMap((result) -> {
			BudgetDecision decision = share.answer(result);
			if (decision != null) {
				return Mono.just(decision);
			}
			return share.seeds(result).flatMap((inits) -> run(share, inits)).map(share::seededAnswer);
		}).onErrorResume((error) -> share.unanswered(error));
	}

	@Override
	public Mono<Void> settle(BudgetDecision decision, long actualNanos) {
		if (decision.checks().isEmpty()) {
			return Mono.empty();
		}
		SettleShare share = settleShare(decision, actualNanos);
		return send(share).onErrorResume((error) -> {
			share.unanswered(error);
			return Mono.empty();
		});
	}

	/**
	 * A call's part of an admission script (budget_admit.lua), alone or run with others
	 * in one round trip; its reservation id is made here.
	 */
	public AdmitShare admitShare(List<BudgetCheck> checks, long estimateNanos) {
		return new AdmitShare(checks, estimateNanos, this.instance + ":" + this.sequence.incrementAndGet());
	}

	/**
	 * A finished call's part of a settle script (budget_settle.lua). A reservation this
	 * instance held itself, while Redis was away, is given back here.
	 */
	public SettleShare settleShare(BudgetDecision decision, long actualNanos) {
		if (decision.local()) {
			this.fallback.release(decision, actualNanos);
		}
		return new SettleShare(decision, actualNanos);
	}

	private Mono<List<Object>> run(AdmitShare share, String @Nullable [] inits) {
		return this.redis.run(ADMIT, ScriptOutputType.MULTI, share.keys(), share.args(inits), this.timeout);
	}

	/** A budget's starting count: the database's spend and this instance's unwritten. */
	private Mono<Long> seed(BudgetCheck check) {
		return this.seeds.spentNanos(check)
			.map((spent) -> spent + this.pending.pendingNanos(check.kind(), check.id()))
			.onErrorMap(
					(error) -> new ServiceUnavailableError("Budgets cannot be checked: the database does not answer ("
							+ error.getMessage() + "). Please retry shortly."));
	}

	/** The keys and arguments of an admission, and how to read its answer. */
	public final class AdmitShare {

		private final List<BudgetCheck> checks;

		private final long estimateNanos;

		private final String reservation;

		AdmitShare(List<BudgetCheck> checks, long estimateNanos, String reservation) {
			this.checks = checks;
			this.estimateNanos = estimateNanos;
			this.reservation = reservation;
		}

		public String[] keys() {
			return RedisBudgetLedger.keys(this.checks);
		}

		/**
		 * @param inits per budget, the spend to start a missing count from; null when not
		 * yet read
		 */
		public String[] args(String @Nullable [] inits) {
			String[] args = new String[5 + this.checks.size() * 3];
			args[0] = Integer.toString(this.checks.size());
			args[1] = Long.toString(this.estimateNanos);
			args[2] = Long.toString(TTL_SECONDS);
			args[3] = this.reservation;
			// unique to this call: should this Redis have no epoch yet, this one becomes
			// it
			args[4] = this.reservation;
			for (int i = 0; i < this.checks.size(); i++) {
				BudgetCheck check = this.checks.get(i);
				args[5 + i * 3] = Long.toString(check.maxNanos());
				args[6 + i * 3] = (inits != null && inits[i] != null) ? inits[i] : "";
				args[7 + i * 3] = check.strict() ? "1" : "0";
			}
			return args;
		}

		/**
		 * The script's answer: the decision, or null when budgets Redis has no count for
		 * must first be read from the database ({@link #seeds}) and the script run again.
		 */
		public @Nullable BudgetDecision answer(List<Object> result) {
			answered(String.valueOf(result.get(1)));
			int code = ((Number) result.get(0)).intValue();
			if (code == 1) {
				return new BudgetDecision(true, null, 0, this.checks, this.estimateNanos, this.reservation, false);
			}
			if (code == 3) {
				// admitted, then refused by a rate limit in the same script, which gave
				// the
				// reservations back: nothing is held
				return new BudgetDecision(true, null, 0, List.of(), 0, this.reservation, false);
			}
			if (code == 2) {
				return null;
			}
			int refused = ((Number) result.get(2)).intValue();
			return new BudgetDecision(false, this.checks.get(refused - 1), ((Number) result.get(3)).longValue(),
					List.of(), 0, this.reservation, false);
		}

		/** The answer of the run after seeding: the counts are there now. */
		public BudgetDecision seededAnswer(List<Object> result) {
			BudgetDecision decision = answer(result);
			if (decision == null) {
				throw new IllegalStateException("budget counts vanished while being seeded");
			}
			return decision;
		}

		/**
		 * The starting counts of the budgets an answer says Redis has none of: the
		 * database's spend plus this instance's unwritten, read fresh.
		 */
		public Mono<String[]> seeds(List<Object> result) {
			List<Integer> missing = new ArrayList<>();
			for (int i = 2; i < result.size(); i++) {
				missing.add(((Number) result.get(i)).intValue() - 1);
			}
			return Flux.fromIterable(missing)
				.concatMap((index) -> seed(this.checks.get(index)))
				.collectList()
				.map((figures) -> {
					String[] inits = new String[this.checks.size()];
					for (int i = 0; i < missing.size(); i++) {
						inits[missing.get(i)] = Long.toString(figures.get(i));
					}
					return inits;
				});
		}

		/**
		 * Redis did not answer: the budgets are held from the database until it does (had
		 * the script run after all, its reservation is given back with the settle). A
		 * refusal of the gateway's own (the database away while seeding) stands.
		 */
		public Mono<BudgetDecision> unanswered(Throwable error) {
			if (error instanceof GatewayError) {
				return Mono.error(error);
			}
			if (RedisBudgetLedger.this.away.compareAndSet(false, true)) {
				log.warn("Redis did not answer a budget check ({}): holding budgets from the database until it does",
						error.toString());
			}
			RedisBudgetLedger.this.fallbackCount.incrementAndGet();
			return RedisBudgetLedger.this.fallback.admit(this.checks, this.estimateNanos, this.reservation);
		}

	}

	/** The keys and arguments of a settle. */
	public final class SettleShare {

		private final BudgetDecision decision;

		private final long actualNanos;

		SettleShare(BudgetDecision decision, long actualNanos) {
			this.decision = decision;
			this.actualNanos = actualNanos;
		}

		public String[] keys() {
			return RedisBudgetLedger.keys(this.decision.checks());
		}

		public String[] args() {
			return new String[] { this.decision.reservation(), Long.toString(this.actualNanos),
					this.decision.local() ? "1" : "0" };
		}

		/** Redis did not take it: it is sent again once Redis answers. */
		public void unanswered(Throwable error) {
			owe(this);
		}

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
			SettleShare next = this.owed.poll();
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

	private Mono<Void> send(SettleShare settle) {
		return this.redis.<Long>run(SETTLE, ScriptOutputType.INTEGER, settle.keys(), settle.args(), this.timeout)
			.then();
	}

	private void owe(SettleShare settle) {
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

}
