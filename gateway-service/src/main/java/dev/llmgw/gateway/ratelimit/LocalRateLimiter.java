package dev.llmgw.gateway.ratelimit;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Rate limits in process, for a single gateway instance without Redis: the same fixed
 * windows and the same all-or-nothing admission as the Redis scripts, under one lock held
 * for a few map operations.
 */
public final class LocalRateLimiter implements RateLimiter {

	private static final long PARALLEL_TTL_MILLIS = 600_000;

	private final Clock clock;

	private final Map<String, Counter> counters = new HashMap<>();

	private long nextSweep;

	public LocalRateLimiter(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Mono<Admission> admit(List<LimitCheck> checks) {
		long now = this.clock.millis();
		long window = now / 60_000;
		long[] remaining = new long[checks.size()];
		LimitCheck refused = null;
		synchronized (this.counters) {
			sweep(now);
			for (int i = 0; i < checks.size(); i++) {
				LimitCheck check = checks.get(i);
				long value = value(RateLimiter.counterKey(check, window), now);
				boolean over = (check.kind() == LimitKind.TOKENS) ? value >= check.limit() : value + 1 > check.limit();
				remaining[i] = Math.max(0, check.limit() - value - ((check.kind() == LimitKind.TOKENS) ? 0 : 1));
				if (over && refused == null) {
					refused = check;
				}
			}
			if (refused == null) {
				for (LimitCheck check : checks) {
					if (check.kind() != LimitKind.TOKENS) {
						long ttl = (check.kind() == LimitKind.PARALLEL) ? PARALLEL_TTL_MILLIS : 120_000;
						add(RateLimiter.counterKey(check, window), 1, now + ttl, now);
					}
				}
			}
		}
		return Mono.just(Admission.counted(refused, checks, remaining, window));
	}

	@Override
	public Mono<Void> release(Admission admission, long tokens) {
		long now = this.clock.millis();
		synchronized (this.counters) {
			for (LimitCheck check : admission.checks()) {
				String key = RateLimiter.counterKey(check, admission.window());
				if (check.kind() == LimitKind.PARALLEL) {
					if (admission.slotsTaken()) {
						add(key, -1, now + PARALLEL_TTL_MILLIS, now);
					}
				}
				else if (check.kind() == LimitKind.TOKENS && tokens > 0) {
					add(key, tokens, admission.windowEndMillis() + 60_000, now);
				}
			}
		}
		return Mono.empty();
	}

	private long value(String key, long now) {
		Counter counter = this.counters.get(key);
		return (counter == null || counter.expiresAt <= now) ? 0 : counter.value;
	}

	private void add(String key, long delta, long expiresAt, long now) {
		Counter counter = this.counters.computeIfAbsent(key, (k) -> new Counter());
		if (counter.expiresAt <= now) {
			counter.value = 0;
		}
		counter.value = Math.max(0, counter.value + delta);
		counter.expiresAt = expiresAt;
	}

	/**
	 * Drops expired windows now and then, so the map holds only the current minute's
	 * counters.
	 */
	private void sweep(long now) {
		if (now >= this.nextSweep) {
			this.counters.values().removeIf((counter) -> counter.expiresAt <= now);
			this.nextSweep = now + 60_000;
		}
	}

	private static final class Counter {

		long value;

		long expiresAt;

	}

}
