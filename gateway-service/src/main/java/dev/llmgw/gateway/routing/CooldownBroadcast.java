package dev.llmgw.gateway.routing;

import dev.llmgw.gateway.redis.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other gateway instances that a deployment started a cooldown, over a Redis
 * pub/sub channel, so that none keeps sending it calls; a lost message only means that
 * instance finds the failures out itself.
 */
public final class CooldownBroadcast {

	static final String CHANNEL = "llmgw:router:cooldowns";

	private static final Logger log = LoggerFactory.getLogger(CooldownBroadcast.class);

	private final Broadcast broadcast;

	public CooldownBroadcast(Broadcast broadcast, Cooldowns cooldowns) {
		this.broadcast = broadcast;
		broadcast.subscribe(CHANNEL, (message) -> receive(message, cooldowns));
		cooldowns.broadcastWith(this);
	}

	void announce(String deploymentId, long untilMillis) {
		this.broadcast.publish(CHANNEL, deploymentId + "|" + untilMillis);
	}

	private static void receive(String message, Cooldowns cooldowns) {
		int bar = message.lastIndexOf('|');
		if (bar > 0) {
			try {
				cooldowns.rest(message.substring(0, bar), Long.parseLong(message.substring(bar + 1)));
			}
			catch (NumberFormatException ex) {
				log.warn("ignoring a malformed cooldown message");
			}
		}
	}

}
