package dev.llmgw.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.gateway.redis.LuaScript;
import dev.llmgw.gateway.redis.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;
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

	/** How long a limit waits for Redis before the request goes on uncounted. */
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public Mono<Admission> admit(List<LimitCheck> checks) {
		AdmitShare share = admitShare(checks);
		return this.redis.<List<Object>>run(ADMIT, ScriptOutputType.MULTI, share.keys(), share.args(), this.timeout)
			.map(share::answer)
			.onErrorResume((error) -> Mono.just(share.unanswered(error)));
	}

	@Override
	public Mono<Void> release(Admission admission, long tokens) {
		ReleaseShare share = releaseShare(admission, tokens);
		if (share == null) {
			return Mono.empty();
		}
		return this.redis.<Long>run(RELEASE, ScriptOutputType.INTEGER, share.keys(), share.args(), this.timeout)
			.onErrorResume((error) -> {
				share.unanswered(error);
				return Mono.empty();
			})
			.then();
	}

	/**
	 * A request's part of an admission script (rate_limit_admit.lua), alone or run with
	 * others in one round trip.
	 */
	public AdmitShare admitShare(List<LimitCheck> checks) {
		return new AdmitShare(checks, this.clock.millis() / 60_000);
	}

	/**
	 * An admitted request's part of a release script (rate_limit_release.lua): null when
	 * it has nothing to give back or count.
	 */
	public @Nullable ReleaseShare releaseShare(Admission admission, long tokens) {
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
			return null;
		}
		List<String> keys = new ArrayList<>(parallel);
		keys.addAll(tokenKeys);
		return new ReleaseShare(keys.toArray(new String[0]),
				new String[] { Integer.toString(parallel.size()), Long.toString(tokens), "120000" });
	}

	/** The keys and arguments of an admission, and how to read its answer. */
	public final class AdmitShare {

		private final List<LimitCheck> checks;

		private final long window;

		AdmitShare(List<LimitCheck> checks, long window) {
			this.checks = checks;
			this.window = window;
		}

		public String[] keys() {
			String[] keys = new String[this.checks.size()];
			for (int i = 0; i < this.checks.size(); i++) {
				keys[i] = RateLimiter.counterKey(this.checks.get(i), this.window);
			}
			return keys;
		}

		public String[] args() {
			String[] args = new String[1 + this.checks.size() * 3];
			args[0] = Integer.toString(this.checks.size());
			for (int i = 0; i < this.checks.size(); i++) {
				LimitCheck check = this.checks.get(i);
				args[1 + i * 3] = check.kind().wireName();
				args[2 + i * 3] = Long.toString(check.limit());
				args[3 + i * 3] = Long.toString((check.kind() == LimitKind.PARALLEL) ? PARALLEL_TTL_MILLIS : 120_000);
			}
			return args;
		}

		/**
		 * The script's answer; an empty one means it was not asked (another part of the
		 * same script refused the call first), and nothing was counted.
		 */
		public Admission answer(List<Object> result) {
			if (result.isEmpty()) {
				return Admission.uncounted(this.checks, this.window);
			}
			boolean allowed = ((Number) result.get(0)).longValue() == 1;
			int refused = ((Number) result.get(1)).intValue();
			long[] remaining = new long[this.checks.size()];
			for (int i = 0; i < this.checks.size(); i++) {
				remaining[i] = ((Number) result.get(2 + i)).longValue();
			}
			return Admission.counted(allowed ? null : this.checks.get(refused - 1), this.checks, remaining,
					this.window);
		}

		/** Redis did not answer: limits fail open, and a warning says so. */
		public Admission unanswered(Throwable error) {
			warn("admission", error);
			return Admission.uncounted(this.checks, this.window);
		}

	}

	/** The keys and arguments of a release. */
	public final class ReleaseShare {

		private final String[] keys;

		private final String[] args;

		ReleaseShare(String[] keys, String[] args) {
			this.keys = keys;
			this.args = args;
		}

		public String[] keys() {
			return this.keys;
		}

		public String[] args() {
			return this.args;
		}

		/** Redis did not take it: its slots expire with their counters. */
		public void unanswered(Throwable error) {
			warn("release", error);
		}

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
