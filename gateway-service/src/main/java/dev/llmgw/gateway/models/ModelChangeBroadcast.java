package dev.llmgw.gateway.models;

import java.util.UUID;

import dev.llmgw.gateway.redis.Broadcast;

/**
 * Tells the other gateway instances that the stored models changed, so that each reloads
 * them within moments: the same Redis pub/sub pattern as the auth cache's invalidation.
 * Without Redis only this instance changes at once (the others, if any, catch up at their
 * next poll). An instance ignores its own announcements: it reloaded before announcing.
 */
final class ModelChangeBroadcast {

	static final String CHANNEL = "llmgw:models:changed";

	private final String instanceId = UUID.randomUUID().toString();

	private final Broadcast broadcast;

	/**
	 * @param broadcast the other instances
	 * @param onRemoteChange what to do when another instance changed the models
	 */
	ModelChangeBroadcast(Broadcast broadcast, Runnable onRemoteChange) {
		this.broadcast = broadcast;
		broadcast.subscribe(CHANNEL, (sender) -> {
			if (!this.instanceId.equals(sender)) {
				onRemoteChange.run();
			}
		});
	}

	/** Announces a change this instance has committed and applied. */
	void changed() {
		this.broadcast.publish(CHANNEL, this.instanceId);
	}

}
