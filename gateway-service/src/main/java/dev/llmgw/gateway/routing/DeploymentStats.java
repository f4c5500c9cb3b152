package dev.llmgw.gateway.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.gateway.providers.Deployment;
import org.jspecify.annotations.Nullable;

/**
 * What this instance has seen of each deployment, for the routing strategies that need
 * it: calls in flight ({@code least-busy}), a moving average of latency, time to first
 * token for streams ({@code latency-based-routing}), and requests and tokens in the
 * current minute ({@code usage-based-routing-v2}). Counters are per deployment id,
 * created on first use, updated without locks.
 */
public final class DeploymentStats {

	private final Map<String, Counters> counters = new ConcurrentHashMap<>();

	private final java.time.Clock clock;

	/**
	 * Weight of the newest sample in the latency average: that of an average over the
	 * last {@code max_latency_list_size} samples, 2 / (n + 1).
	 */
	private final double latencyWeight;

	/** How long a latency sample counts ({@code routing_strategy_args.ttl}). */
	private final long latencyTtlMillis;

	/** LiteLLM's defaults: an average of about 10 samples, each counting for an hour. */
	public DeploymentStats(java.time.Clock clock) {
		this(clock, 10, java.time.Duration.ofHours(1));
	}

	/**
	 * @param clock the time
	 * @param latencySamples the samples a latency average spans
	 * @param latencyTtl how long a sample counts: a deployment with none newer is
	 * unmeasured again, and so tried again
	 */
	public DeploymentStats(java.time.Clock clock, int latencySamples, java.time.Duration latencyTtl) {
		this.clock = clock;
		this.latencyWeight = 2.0 / (latencySamples + 1);
		this.latencyTtlMillis = latencyTtl.toMillis();
	}

	Counters of(Deployment deployment) {
		return this.counters.computeIfAbsent(deployment.id(), (id) -> new Counters());
	}

	public void started(Deployment deployment) {
		of(deployment).inFlight.incrementAndGet();
	}

	/**
	 * @param deployment who answered
	 * @param latencyNanos time to the answer, or to the first chunk of a stream
	 * @param tokens tokens the call used, 0 when unknown
	 */
	public void finished(Deployment deployment, long latencyNanos, long tokens) {
		Counters counters = of(deployment);
		counters.inFlight.decrementAndGet();
		if (latencyNanos > 0) {
			counters.latency.updateAndGet((old) -> {
				double previous = Double.longBitsToDouble(old);
				double next = (previous == 0 || stale(counters)) ? latencyNanos
						: previous + this.latencyWeight * (latencyNanos - previous);
				return Double.doubleToRawLongBits(next);
			});
			counters.latencyAt = this.clock.millis();
		}
		counters.minute(minute()).add(tokens);
		counters.pendingTokens.addAndGet(tokens);
		counters.pendingRequests.incrementAndGet();
	}

	public void failed(Deployment deployment) {
		of(deployment).inFlight.decrementAndGet();
	}

	int inFlight(Deployment deployment) {
		return of(deployment).inFlight.get();
	}

	/**
	 * Average latency in nanoseconds; 0 for a deployment not yet measured, or not within
	 * the samples' time to live.
	 */
	double latency(Deployment deployment) {
		Counters counters = of(deployment);
		return stale(counters) ? 0 : Double.longBitsToDouble(counters.latency.get());
	}

	private boolean stale(Counters counters) {
		return this.clock.millis() - counters.latencyAt > this.latencyTtlMillis;
	}

	/**
	 * Tokens used this minute: every instance's, as last read from Redis, plus what this
	 * instance used since; without Redis, this instance's alone.
	 */
	long tokensThisMinute(Deployment deployment) {
		Counters counters = of(deployment);
		long minute = minute();
		Shared shared = counters.shared;
		if (shared != null && shared.minute == minute) {
			return shared.tokens + counters.pendingTokens.get();
		}
		return counters.minute(minute).tokens.get();
	}

	long requestsThisMinute(Deployment deployment) {
		Counters counters = of(deployment);
		long minute = minute();
		Shared shared = counters.shared;
		if (shared != null && shared.minute == minute) {
			return shared.requests + counters.pendingRequests.get();
		}
		return counters.minute(minute).requests.get();
	}

	/** The deployment ids seen, for the usage sync. */
	java.util.Set<String> deploymentIds() {
		return this.counters.keySet();
	}

	/**
	 * Takes what this instance used since the last sync, to add to the shared counters.
	 */
	long[] takePending(String deploymentId) {
		Counters counters = this.counters.get(deploymentId);
		if (counters == null) {
			return new long[] { 0, 0 };
		}
		return new long[] { counters.pendingTokens.getAndSet(0), counters.pendingRequests.getAndSet(0) };
	}

	void restorePending(String deploymentId, long tokens, long requests) {
		Counters counters = this.counters.get(deploymentId);
		if (counters != null) {
			counters.pendingTokens.addAndGet(tokens);
			counters.pendingRequests.addAndGet(requests);
		}
	}

	/** Records every instance's usage this minute, as Redis counted it. */
	void shared(String deploymentId, long minute, long tokens, long requests) {
		Counters counters = this.counters.get(deploymentId);
		if (counters != null) {
			counters.shared = new Shared(minute, tokens, requests);
		}
	}

	long currentMinute() {
		return minute();
	}

	private long minute() {
		return this.clock.millis() / 60_000;
	}

	static final class Counters {

		final AtomicInteger inFlight = new AtomicInteger();

		final AtomicLong latency = new AtomicLong();

		/** When the latest latency sample came, in epoch millis. */
		volatile long latencyAt;

		final AtomicLong pendingTokens = new AtomicLong();

		final AtomicLong pendingRequests = new AtomicLong();

		volatile @Nullable Shared shared;

		private volatile Minute current = new Minute(-1);

		Minute minute(long minute) {
			Minute now = this.current;
			if (now.minute != minute) {
				now = new Minute(minute);
				this.current = now;
			}
			return now;
		}

	}

	private record Shared(long minute, long tokens, long requests) {

	}

	static final class Minute {

		final long minute;

		final AtomicLong tokens = new AtomicLong();

		final AtomicLong requests = new AtomicLong();

		Minute(long minute) {
			this.minute = minute;
		}

		void add(long used) {
			this.requests.incrementAndGet();
			this.tokens.addAndGet(used);
		}

	}

}
