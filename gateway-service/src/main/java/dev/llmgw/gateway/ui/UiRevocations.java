package dev.llmgw.gateway.ui;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.redis.Broadcast;

/**
 * Sessions ended by logout before their expiry: a stateless cookie stays valid until it
 * expires, so each instance keeps the ended sessions' ids (a digest of their CSRF token,
 * unique per login) for a session's lifetime, and tells the others through Redis. An
 * instance started after a logout does not know of it; the cookie's expiry bounds that.
 */
final class UiRevocations {

	static final String CHANNEL = "llmgw:ui-session:revoked";

	private final Cache<String, Boolean> revoked;

	private final Broadcast broadcast;

	UiRevocations(Duration lifetime, Broadcast broadcast) {
		this.revoked = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfterWrite(lifetime.isZero() ? Duration.ofMinutes(1) : lifetime)
			.build();
		this.broadcast = broadcast;
		broadcast.subscribe(CHANNEL, (id) -> {
			if (id.length() == 64) {
				this.revoked.put(id, Boolean.TRUE);
			}
		});
	}

	void revoke(UiSession session) {
		String id = id(session);
		this.revoked.put(id, Boolean.TRUE);
		this.broadcast.publish(CHANNEL, id);
	}

	boolean isRevoked(UiSession session) {
		return this.revoked.getIfPresent(id(session)) != null;
	}

	private static String id(UiSession session) {
		return KeyHashes.sha256Hex(session.csrf());
	}

}
