package dev.llmgw.gateway.auth;

import dev.llmgw.gateway.redis.Broadcast;

/**
 * Drops changed keys, users and teams from the authentication cache of every instance.
 * Locally at once; across instances through a Redis pub/sub channel when Redis is
 * configured (without Redis, one instance is assumed). A lost message costs at most the
 * cache's time to live, never a wrong answer for longer.
 */
public final class AuthCacheInvalidation implements KeyInvalidation {

	static final String CHANNEL = "llmgw:auth-cache:invalidate";

	private final VirtualKeyAuthenticator cache;

	private final Broadcast broadcast;

	/**
	 * @param cache the cache to keep current
	 * @param broadcast the other instances
	 */
	public AuthCacheInvalidation(VirtualKeyAuthenticator cache, Broadcast broadcast) {
		this.cache = cache;
		this.broadcast = broadcast;
		broadcast.subscribe(CHANNEL, this::apply);
	}

	@Override
	public void keyChanged(String tokenHash) {
		this.cache.evictKey(tokenHash);
		this.broadcast.publish(CHANNEL, "key:" + tokenHash);
	}

	@Override
	public void userChanged(String userId) {
		this.cache.evictUser(userId);
		this.broadcast.publish(CHANNEL, "user:" + userId);
	}

	@Override
	public void teamChanged(String teamId) {
		this.cache.evictTeam(teamId);
		this.broadcast.publish(CHANNEL, "team:" + teamId);
	}

	void apply(String message) {
		int colon = message.indexOf(':');
		if (colon < 0) {
			return;
		}
		String id = message.substring(colon + 1);
		switch (message.substring(0, colon)) {
			case "key" -> this.cache.evictKey(id);
			case "user" -> this.cache.evictUser(id);
			case "team" -> this.cache.evictTeam(id);
			default -> this.cache.evictAll();
		}
	}

}
