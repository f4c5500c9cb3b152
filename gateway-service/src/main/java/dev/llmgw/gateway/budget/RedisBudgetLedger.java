package dev.llmgw.gateway.budget;

import java.time.Duration;
import java.util.List;

import dev.llmgw.gateway.config.LuaScript;
import dev.llmgw.gateway.config.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Budgets shared by every instance: one Lua script admits a call on all its budgets and
 * reserves its estimate (resources/scripts/budget_admit.lua), another settles it. Budgets
 * never fail open: while Redis is away, each instance keeps holding them from the
 * database's spend and its own calls ({@link LocalBudgetLedger}).
 */
public final class RedisBudgetLedger implements BudgetLedger {

	private static final Logger log = LoggerFactory.getLogger(RedisBudgetLedger.class);

	private static final LuaScript ADMIT = LuaScript.load("budget_admit.lua");

	private static final LuaScript SETTLE = LuaScript.load("budget_settle.lua");

	/**
	 * A period's counts live a day past their last use; the database has them after that.
	 */
	private static final long TTL_SECONDS = 86_400;

	private final SharedRedis redis;

	private final Duration timeout;

	private final LocalBudgetLedger fallback = new LocalBudgetLedger();

	public RedisBudgetLedger(SharedRedis redis, Duration timeout) {
		this.redis = redis;
		this.timeout = timeout;
	}

	@Override
	public Mono<BudgetDecision> admit(List<BudgetCheck> checks, long estimateNanos) {
		String[] keys = keys(checks);
		String[] args = new String[3 + checks.size() * 3];
		args[0] = Integer.toString(checks.size());
		args[1] = Long.toString(estimateNanos);
		args[2] = Long.toString(TTL_SECONDS);
		for (int i = 0; i < checks.size(); i++) {
			BudgetCheck check = checks.get(i);
			args[3 + i * 3] = Long.toString(check.maxNanos());
			args[4 + i * 3] = Long.toString(check.initialNanos());
			args[5 + i * 3] = check.strict() ? "1" : "0";
		}
		return this.redis.<List<Object>>run(ADMIT, ScriptOutputType.MULTI, keys, args, this.timeout).map((result) -> {
			if (((Number) result.get(0)).longValue() == 1) {
				return new BudgetDecision(true, null, 0, checks, estimateNanos);
			}
			int refused = ((Number) result.get(1)).intValue();
			return new BudgetDecision(false, checks.get(refused - 1), ((Number) result.get(2)).longValue(), List.of(),
					0);
		}).onErrorResume((error) -> {
			log.warn("Redis did not answer a budget check ({}): holding budgets from this instance's counts",
					error.toString());
			return this.fallback.admit(checks, estimateNanos);
		});
	}

	@Override
	public Mono<Void> settle(BudgetDecision decision, long actualNanos) {
		if (decision.checks().isEmpty()) {
			return Mono.empty();
		}
		return this.redis
			.<Long>run(SETTLE, ScriptOutputType.INTEGER, keys(decision.checks()),
					new String[] { Long.toString(decision.estimateNanos()), Long.toString(actualNanos) }, this.timeout)
			.onErrorResume((error) -> this.fallback.settle(decision, actualNanos).then(Mono.empty()))
			.then();
	}

	private static String[] keys(List<BudgetCheck> checks) {
		String[] keys = new String[checks.size() * 2];
		for (int i = 0; i < checks.size(); i++) {
			keys[2 * i] = checks.get(i).spentKey();
			keys[2 * i + 1] = checks.get(i).reservedKey();
		}
		return keys;
	}

}
