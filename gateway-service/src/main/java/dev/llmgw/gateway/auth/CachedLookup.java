package dev.llmgw.gateway.auth;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One answer to "which key has this hash", as the auth cache keeps it: the database's, or
 * its failure to answer. A failure is kept rather than left to fail the cache's future,
 * so that the callers waiting on the same lookup share it without the cache logging a
 * stack trace per request during an outage; it is never fresh, so the next request asks
 * again.
 *
 * @param key the key, or empty when the database knows no such key
 * @param loadedAt when the database gave this answer
 * @param recheckAt from when the database is asked again
 * @param failure why the database gave no answer, or null
 */
record CachedLookup(Optional<CachedKey> key, Instant loadedAt, Instant recheckAt, @Nullable Throwable failure) {

	static CachedLookup failed(Throwable failure, Instant now) {
		return new CachedLookup(Optional.empty(), now, now, failure);
	}

	boolean fresh(Instant now) {
		return now.isBefore(this.recheckAt);
	}

}
