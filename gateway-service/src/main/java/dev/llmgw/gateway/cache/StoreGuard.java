package dev.llmgw.gateway.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Keeps a failing store off the request path: each lookup and store waits at most
 * {@code timeout}, a failure is a miss (the call goes on to its provider), and after one
 * only a probe every {@value #PROBE_MILLIS} ms tries the store while the others skip it
 * at once, so a frozen Redis costs calls nothing instead of a timeout each. Everything it
 * forgives is counted, for readiness and metrics.
 */
final class StoreGuard {

	private static final Logger log = LoggerFactory.getLogger(StoreGuard.class);

	static final long PROBE_MILLIS = 500;

	private final Duration timeout;

	private final LongSupplier clock;

	private final AtomicLong lastProbe = new AtomicLong();

	private final AtomicLong failOpen = new AtomicLong();

	private volatile boolean failing;

	StoreGuard(Duration timeout, LongSupplier clock) {
		this.timeout = timeout;
		this.clock = clock;
	}

	/**
	 * The operation bounded in time, its failure (or its being skipped while the store
	 * fails) an empty result.
	 */
	<T> Mono<T> guard(Mono<T> operation, String what) {
		if (!mayTry()) {
			this.failOpen.incrementAndGet();
			return Mono.empty();
		}
		return operation.timeout(this.timeout).doOnSuccess((ignored) -> recovered()).onErrorResume((error) -> {
			this.failOpen.incrementAndGet();
			if (!this.failing) {
				log.warn("Response cache {} failed, going on without the cache: {}", what, error.toString());
			}
			this.failing = true;
			return Mono.empty();
		});
	}

	/**
	 * Tries the store once, within the probe interval and uncounted: its answer ends the
	 * failing state.
	 */
	void probe(Mono<?> ping) {
		if (this.failing && mayTry()) {
			ping.timeout(this.timeout).subscribe((answer) -> recovered(), (error) -> {
			});
		}
	}

	boolean failing() {
		return this.failing;
	}

	/** Lookups and stores skipped or failed since the start. */
	long failOpenCount() {
		return this.failOpen.get();
	}

	private void recovered() {
		if (this.failing) {
			log.info("Response cache store answers again");
			this.failing = false;
		}
	}

	private boolean mayTry() {
		if (!this.failing) {
			return true;
		}
		long now = this.clock.getAsLong();
		long last = this.lastProbe.get();
		return now - last >= PROBE_MILLIS && this.lastProbe.compareAndSet(last, now);
	}

}
