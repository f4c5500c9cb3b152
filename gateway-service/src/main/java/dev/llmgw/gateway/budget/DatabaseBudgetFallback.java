package dev.llmgw.gateway.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmgw.gateway.error.ServiceUnavailableError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Budgets held while Redis is away, by each instance on its own: a budget's spend is the
 * database's figure (read at most ten times a second per budget), plus what this instance
 * has charged and not yet written ({@link PendingSpend}), plus its own calls in flight;
 * meanwhile every instance writes spend as it comes. So an exhausted budget stays refused
 * however long the outage lasts. What this cannot see is the other instances' calls in
 * flight and their last moment of unwritten spend: that is the most a budget can be
 * overshot by while Redis is away. When the database cannot be read either, the call is
 * refused with a 503: budgets never fail open.
 */
final class DatabaseBudgetFallback {

	private final BudgetSeeds database;

	private final PendingSpend pending;

	/**
	 * The database's figure per budget, read at most ten times a second, with what this
	 * instance had written for it when the read began.
	 */
	private final AsyncCache<String, long[]> figures;

	/** This instance's reservations per budget, nano-dollars. */
	private final Map<String, Long> reserved = new HashMap<>();

	DatabaseBudgetFallback(BudgetSeeds database, PendingSpend pending, Duration refresh) {
		this.database = database;
		this.pending = pending;
		this.figures = Caffeine.newBuilder().expireAfterWrite(refresh).maximumSize(100_000).buildAsync();
	}

	Mono<BudgetDecision> admit(List<BudgetCheck> checks, long estimateNanos, String reservation) {
		this.pending.hurry();
		return Flux.fromIterable(checks)
			.concatMap(this::figure)
			.collectList()
			.onErrorMap((error) -> new ServiceUnavailableError(
					"Budgets cannot be checked: neither Redis nor the database answers (" + error.getMessage()
							+ "). Please retry shortly."))
			.map((spent) -> decide(checks, spent, estimateNanos, reservation));
	}

	/**
	 * How long a finished call's cost stays held here after its reservation is given
	 * back.
	 */
	static final Duration CHARGED_HOLD = Duration.ofSeconds(2);

	/**
	 * Gives back a reservation this instance made, holding the call's actual cost a
	 * moment longer: a call is settled as its answer is sent, and its spend reaches the
	 * pending figure only when its response has ended, so in between it would be counted
	 * nowhere and the next call could pass a budget it exhausted. Counted twice for that
	 * moment instead: while Redis is away a budget may refuse early, never late.
	 */
	void release(BudgetDecision decision, long actualNanos) {
		adjust(decision, actualNanos - decision.estimateNanos());
		if (actualNanos > 0) {
			Schedulers.parallel()
				.schedule(() -> adjust(decision, -actualNanos), CHARGED_HOLD.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void adjust(BudgetDecision decision, long nanos) {
		synchronized (this.reserved) {
			for (BudgetCheck check : decision.checks()) {
				long held = this.reserved.getOrDefault(check.spentKey(), 0L) + nanos;
				if (held > 0) {
					this.reserved.put(check.spentKey(), held);
				}
				else {
					this.reserved.remove(check.spentKey());
				}
			}
		}
	}

	private BudgetDecision decide(List<BudgetCheck> checks, List<long[]> figures, long estimateNanos,
			String reservation) {
		List<Long> spent = new ArrayList<>(checks.size());
		for (int i = 0; i < checks.size(); i++) {
			BudgetCheck check = checks.get(i);
			// pending first: a call written in between is then counted twice, never
			// missed; and what was written since the read began may be missing from the
			// figure, so it is counted again rather than not at all
			long unwritten = this.pending.pendingNanos(check.kind(), check.id());
			long writtenSince = Math.max(0, this.pending.writtenNanos(check.kind(), check.id()) - figures.get(i)[1]);
			spent.add(figures.get(i)[0] + writtenSince + unwritten);
		}
		synchronized (this.reserved) {
			for (int i = 0; i < checks.size(); i++) {
				BudgetCheck check = checks.get(i);
				if (check.over(spent.get(i), this.reserved.getOrDefault(check.spentKey(), 0L))) {
					return new BudgetDecision(false, check, spent.get(i), List.of(), 0, reservation, true);
				}
			}
			for (BudgetCheck check : checks) {
				this.reserved.merge(check.spentKey(), estimateNanos, Long::sum);
			}
		}
		return new BudgetDecision(true, null, 0, checks, estimateNanos, reservation, true);
	}

	private Mono<long[]> figure(BudgetCheck check) {
		return Mono.fromFuture(this.figures.get(check.spentKey(), (key, executor) -> {
			long written = this.pending.writtenNanos(check.kind(), check.id());
			return this.database.spentNanos(check).map((spent) -> new long[] { spent, written }).toFuture();
		}), true);
	}

}
