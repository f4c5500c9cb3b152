package dev.llmgw.gateway.admission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.llmgw.gateway.budget.BudgetDecision;
import dev.llmgw.gateway.budget.BudgetPlan;
import dev.llmgw.gateway.budget.RedisBudgetLedger;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.ratelimit.Admission;
import dev.llmgw.gateway.ratelimit.LimitCheck;
import dev.llmgw.gateway.ratelimit.RedisRateLimiter;
import dev.llmgw.gateway.redis.LuaScript;
import dev.llmgw.gateway.redis.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A call's limits and budgets in Redis, in two round trips whatever it is held to: one
 * script admits it on all of them (resources/scripts/call_admit.lua, which runs the
 * budgets' and the limits' own scripts in turn), one ends it (call_end.lua). Each feature
 * keeps its own arguments, answers and fallbacks (its share of the script); only the
 * sending is shared. Limits fail open and budgets hold from the database when Redis does
 * not answer, as they do alone.
 */
final class RedisAdmissionCounts implements AdmissionCounts {

	private static final LuaScript ADMIT = LuaScript.composed("call_admit.lua", "budget_admit.lua",
			"rate_limit_admit.lua", "budget_settle.lua");

	private static final LuaScript END = LuaScript.composed("call_end.lua", "rate_limit_release.lua",
			"budget_settle.lua");

	private final SharedRedis redis;

	private final RedisRateLimiter limiter;

	private final RedisBudgetLedger ledger;

	RedisAdmissionCounts(SharedRedis redis, RedisRateLimiter limiter, RedisBudgetLedger ledger) {
		this.redis = redis;
		this.limiter = limiter;
		this.ledger = ledger;
	}

	@Override
	public Mono<Counted> admit(List<LimitCheck> limits, BudgetPlan budgets) {
		RedisRateLimiter.AdmitShare limitShare = limits.isEmpty() ? null : this.limiter.admitShare(limits);
		RedisBudgetLedger.AdmitShare budgetShare = budgets.checks().isEmpty() ? null
				: this.ledger.admitShare(budgets.checks(), budgets.estimateNanos());
		// a budget waits longer for Redis than a limit, which fails open quickly
		Duration timeout = (budgetShare != null) ? this.ledger.timeout() : this.limiter.timeout();
		return run(limitShare, budgetShare, null, timeout).flatMap((answers) -> {
			BudgetDecision decision = (budgetShare != null) ? budgetShare.answer(part(answers, 0))
					: BudgetDecision.UNLIMITED;
			if (decision != null) {
				return Mono.just(counted(limitShare, part(answers, 1), decision));
			}
			// budgets Redis has no count for start from the database's spend; the limits
			// were not asked, and are with the second run
			return budgetShare.seeds(part(answers, 0))
				.flatMap((inits) -> run(limitShare, budgetShare, inits, timeout))
				.map((again) -> counted(limitShare, part(again, 1), budgetShare.seededAnswer(part(again, 0))));
		}).onErrorResume((error) -> {
			if (error instanceof GatewayError) {
				return Mono.error(error);
			}
			Admission admission = (limitShare != null) ? limitShare.unanswered(error) : Admission.UNLIMITED;
			Mono<BudgetDecision> decision = (budgetShare != null) ? budgetShare.unanswered(error)
					: Mono.just(BudgetDecision.UNLIMITED);
			return decision.map((held) -> new Counted(admission, held));
		});
	}

	@Override
	public Mono<Void> end(@Nullable Admission admission, long tokens, @Nullable BudgetDecision reservations,
			long costNanos) {
		RedisRateLimiter.ReleaseShare release = (admission != null) ? this.limiter.releaseShare(admission, tokens)
				: null;
		RedisBudgetLedger.SettleShare settle = (reservations != null && !reservations.checks().isEmpty())
				? this.ledger.settleShare(reservations, costNanos) : null;
		if (release == null && settle == null) {
			return Mono.empty();
		}
		String[] releaseKeys = (release != null) ? release.keys() : new String[0];
		String[] releaseArgs = (release != null) ? release.args() : new String[0];
		String[] keys = concat(releaseKeys, (settle != null) ? settle.keys() : new String[0]);
		String[] args = concat(
				new String[] { Integer.toString(releaseKeys.length), Integer.toString(releaseArgs.length) },
				releaseArgs, (settle != null) ? settle.args() : new String[0]);
		Duration timeout = (settle != null) ? this.ledger.timeout() : this.limiter.timeout();
		return this.redis.<Long>run(END, ScriptOutputType.INTEGER, keys, args, timeout).onErrorResume((error) -> {
			if (release != null) {
				release.unanswered(error);
			}
			if (settle != null) {
				settle.unanswered(error);
			}
			return Mono.empty();
		}).then();
	}

	private Mono<List<Object>> run(RedisRateLimiter.@Nullable AdmitShare limits,
			RedisBudgetLedger.@Nullable AdmitShare budgets, String @Nullable [] inits, Duration timeout) {
		String[] budgetKeys = (budgets != null) ? budgets.keys() : new String[0];
		String[] budgetArgs = (budgets != null) ? budgets.args(inits) : new String[0];
		String[] keys = concat(budgetKeys, (limits != null) ? limits.keys() : new String[0]);
		String[] args = concat(
				new String[] { Integer.toString(budgetKeys.length), Integer.toString(budgetArgs.length) }, budgetArgs,
				(limits != null) ? limits.args() : new String[0]);
		return this.redis.run(ADMIT, ScriptOutputType.MULTI, keys, args, timeout);
	}

	private static Counted counted(RedisRateLimiter.@Nullable AdmitShare limits, List<Object> answer,
			BudgetDecision decision) {
		return new Counted((limits != null) ? limits.answer(answer) : Admission.UNLIMITED, decision);
	}

	@SuppressWarnings("unchecked")
	private static List<Object> part(List<Object> answers, int index) {
		return (List<Object>) answers.get(index);
	}

	private static String[] concat(String[]... parts) {
		List<String> all = new ArrayList<>();
		for (String[] part : parts) {
			all.addAll(Arrays.asList(part));
		}
		return all.toArray(new String[0]);
	}

}
