package dev.llmgw.gateway.auth;

import java.security.MessageDigest;

import reactor.core.publisher.Mono;

/**
 * Recognises the master key. Compares SHA-256 digests with {@link MessageDigest#isEqual},
 * whose time does not depend on where the inputs differ, and hashing first hides the
 * key's length too.
 */
public final class MasterKeyAuthenticator implements KeyAuthenticator {

	private static final Mono<CallerIdentity> MASTER = Mono.just(CallerIdentity.masterKey());

	private final byte[] masterKeyDigest;

	public MasterKeyAuthenticator(String masterKey) {
		this.masterKeyDigest = KeyHashes.sha256(masterKey);
	}

	@Override
	public Mono<CallerIdentity> authenticate(String key) {
		return MessageDigest.isEqual(this.masterKeyDigest, KeyHashes.sha256(key)) ? MASTER : Mono.empty();
	}

}
