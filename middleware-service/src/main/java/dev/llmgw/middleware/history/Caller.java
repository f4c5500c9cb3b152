package dev.llmgw.middleware.history;

import org.jspecify.annotations.Nullable;

/**
 * Who is asking, as the gateway knows them: the key (by its hash, never the key itself)
 * and the user the key belongs to.
 *
 * @param keyHash SHA-256 hex of the bearer value, as the original stored it
 * @param userId the key's user, null for the master key and keys without a user
 */
record Caller(String keyHash, @Nullable String userId) {

	/**
	 * A session belongs to the key that created it and to that key's user, so a user's
	 * new key (an Okta user gets one at each sign-in) still reaches their sessions.
	 */
	boolean owns(StoredSession session) {
		return this.keyHash.equals(session.apiKeyHash())
				|| (this.userId != null && this.userId.equals(session.userId()));
	}

}
