package dev.llmgw.gateway.auth;

import reactor.core.publisher.Mono;

/**
 * Resolves a presented key to a caller. The authentication filter asks each authenticator
 * in order (master key, then virtual keys), so a new kind of key is one more
 * implementation.
 */
public interface KeyAuthenticator {

	/**
	 * @param key the key as presented, without the {@code Bearer } prefix
	 * @return the caller, or empty when this authenticator does not know the key; an
	 * error when it knows the key and refuses it (expired, blocked)
	 */
	Mono<CallerIdentity> authenticate(String key);

}
