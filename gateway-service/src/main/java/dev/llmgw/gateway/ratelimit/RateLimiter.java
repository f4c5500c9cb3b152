package dev.llmgw.gateway.ratelimit;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Counts requests and tokens against limits, atomically for all the limits of one
 * request.
 */
public interface RateLimiter {

	/**
	 * Admits a request against all its limits, or refuses it without counting anything.
	 */
	Mono<Admission> admit(List<LimitCheck> checks);

	/** Ends an admitted request: frees its parallel slots and adds the tokens it used. */
	Mono<Void> release(Admission admission, long tokens);

	/** The counter a check uses in a given minute window. */
	static String counterKey(LimitCheck check, long window) {
		String base = "llmgw:rl:" + check.descriptor() + ":" + check.id() + ":" + check.kind().wireName();
		return (check.kind() == LimitKind.PARALLEL) ? base : base + ":" + window;
	}

}
