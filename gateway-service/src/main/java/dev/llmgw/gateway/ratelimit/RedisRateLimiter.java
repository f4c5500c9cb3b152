package dev.llmgw.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.gateway.redis.LuaScript;
import dev.llmgw.gateway.redis.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Rate limits shared by every gateway instance: each request's checks run in one Lua
 * script (resources/scripts/rate_limit_admit.lua), so admission costs one Redis round
 * trip and is exact across instances. Windows are fixed minutes, as LiteLLM's. When Redis
 * cannot answer within {@code timeout}, limits fail open: the request goes on uncounted
 * and a warning says so (budgets, unlike limits, never fail open).
 */
public final class RedisRateLimiter implements RateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

	private static final LuaScript ADMIT = LuaScript.load("rate_limit_admit.lua");

	private static final LuaScript RELEASE = LuaScript.load("rate_limit_release.lua");

	private static final long PARALLEL_TTL_MILLIS = 600_000;

	private final SharedRedis redis;

	private final Clock clock;

	private final Duration timeout;

	private final AtomicLong failOpenCount = new AtomicLong();

	public RedisRateLimiter(SharedRedis redis, Clock clock, Duration timeout) {
		this.redis = redis;
		this.clock = clock;
		this.timeout = timeout;
	}

	/** How many requests went on uncounted because Redis did not answer. */
	public long failOpenCount() {
		return this.failOpenCount.get();
	}

	@Override
	public Mono<Admission> admit(List<LimitCheck> checks) {
		long window = this.clock.millis() / 60_000;
		String[] keys = new String[checks.size()];
		String[] args = new String[1 + checks.size() * 3];
		args[0] = Integer.toString(checks.size());
		for (int i = 0; i < checks.size(); i++) {
			LimitCheck check = checks.get(i);
			keys[i] = RateLimiter.counterKey(check, window);
			args[1 + i * 3] = check.kind().wireName();
			args[2 + i * 3] = Long.toString(check.limit());
			args[3 + i * 3] = Long.toString((check.kind() == LimitKind.PARALLEL) ? PARALLEL_TTL_MILLIS : 120_000);
		}
		return this.redis.<List<Object>>run(ADMIT, ScriptOutputType.MULTI, keys, args, this.timeout).map((result) -> {
			boolean allowed = ((Number) result.get(0)).longValue() == 1;
			int refused = ((Number) result.get(1)).intValue();
			long[] remaining = new long[checks.size()];
			for (int i = 0; i < checks.size(); i++) {
				remaining[i] = ((Number) result.get(2 + i)).longValue();
			}
			return Admission.counted(allowed ? null : checks.get(refused - 1), checks, remaining, window);
		}).onErrorResume((error) -> {
			warn("admission", error);
			return Mono.just(Admission.unenforced(checks, window));
		});
	}

	@Override
	public Mono<Void> release(Admission admission, long tokens) {
		List<String> parallel = new ArrayList<>();
		List<String> tokenKeys = new ArrayList<>();
		for (LimitCheck check : admission.checks()) {
			if (check.kind() == LimitKind.PARALLEL) {
				if (!admission.slotsTaken()) {
					continue;
				}
				parallel.add(RateLimiter.counterKey(check, admission.window()));
			}
			else if (check.kind() == LimitKind.TOKENS) {
				tokenKeys.add(RateLimiter.counterKey(check, admission.window()));
			}
		}
		if (parallel.isEmpty() && (tokenKeys.isEmpty() || tokens <= 0)) {
			return Mono.empty();
		}
		List<String> keys = new ArrayList<>(parallel);
		keys.addAll(tokenKeys);
		return this.redis
			.<Long>run(RELEASE, ScriptOutputType.INTEGER, keys.toArray(new String[0]),
					new String[] { Integer.toString(parallel.size()), Long.toString(tokens), "120000" }, this.timeout)
			.onErrorResume((error) -> {
				warn("release", error);
				return Mono.empty();
			})
			.then();
	}

	private void warn(String what, Throwable error) {
		long count = this.failOpenCount.incrementAndGet();
		// one line per hundred, so an outage does not flood the log
		if (count % 100 == 1) {
			log.warn("Redis did not answer the rate-limit {} ({}): limits are not enforced until it does "
					+ "({} requests so far)", what, error.toString(), count);
		}
	}

}
