package dev.llmgw.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.redis.LuaScript;
import dev.llmgw.gateway.redis.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which deployments are resting after failures. Asked on every call, so the answer is
 * local: a map of deployment id to the end of its cooldown. Failures are counted in Redis
 * when it is configured, so that every instance's failures add up, and a cooldown that
 * starts is broadcast to the other instances ({@link CooldownBroadcast}); without Redis,
 * or when it fails, this instance counts alone (failing open: a deployment is then cooled
 * down later, never wrongly). As in LiteLLM, the only deployment of a group is never
 * cooled down, since there would be nothing left to call.
 */
public final class Cooldowns {

	private static final Logger log = LoggerFactory.getLogger(Cooldowns.class);

	private static final LuaScript SCRIPT = LuaScript.load("router_cooldown.lua");

	private static final Duration REDIS_TIMEOUT = Duration.ofMillis(250);

	private final RoutingPolicy policy;

	private final Clock clock;

	private final @Nullable SharedRedis redis;

	private final Map<String, Long> restingUntil = new ConcurrentHashMap<>();

	private final Map<String, LocalCount> localFails = new ConcurrentHashMap<>();

	private volatile @Nullable CooldownBroadcast broadcast;

	private final List<CooledDown> watchers = new CopyOnWriteArrayList<>();

	/** Told of each cooldown this instance starts, with the status that caused it. */
	@FunctionalInterface
	public interface CooledDown {

		void cooledDown(Deployment deployment, int status);

	}

	public Cooldowns(RoutingPolicy policy, Clock clock, @Nullable SharedRedis redis) {
		this.policy = policy;
		this.clock = clock;
		this.redis = redis;
	}

	/** Adds a watcher of the cooldowns this instance starts (not those announced). */
	public void watch(CooledDown watcher) {
		this.watchers.add(watcher);
	}

	public void broadcastWith(CooldownBroadcast broadcast) {
		this.broadcast = broadcast;
	}

	public boolean resting(Deployment deployment) {
		Long until = this.restingUntil.get(deployment.id());
		return until != null && until > this.clock.millis();
	}

	/** Starts a cooldown another instance announced. */
	public void rest(String deploymentId, long untilMillis) {
		this.restingUntil.merge(deploymentId, untilMillis, Math::max);
	}

	/**
	 * Counts a failed call of {@code deployment}.
	 * @param deployment who failed
	 * @param error how
	 * @param groupSize deployments in its group
	 */
	public void failed(Deployment deployment, GatewayError error, int groupSize) {
		if (!this.policy.cooldownsEnabled() || groupSize <= 1) {
			return;
		}
		int status = error.status();
		// allowed_fails_policy names how many of this kind a deployment may have, counted
		// like any other (LiteLLM's counting router)
		Integer allowedOfKind = this.policy.allowedFailsFor(error);
		if (allowedOfKind == null && !countsAgainstDeployment(status)) {
			return;
		}
		int allowed = (allowedOfKind != null) ? allowedOfKind : this.policy.allowedFails();
		boolean now = allowedOfKind == null && restsAtOnce(status);
		long minute = this.clock.millis() / 60_000;
		SharedRedis shared = this.redis;
		if (shared == null) {
			countLocally(deployment, minute, now, status, allowed);
			return;
		}
		String[] keys = { "llmgw:router:fails:" + deployment.id() + ":" + minute,
				"llmgw:router:cooldown:" + deployment.id() };
		String[] args = { Integer.toString(allowed), Long.toString(this.policy.cooldown().toMillis()),
				now ? "1" : "0" };
		shared.<Long>run(SCRIPT, ScriptOutputType.INTEGER, keys, args, REDIS_TIMEOUT).subscribe((millis) -> {
			if (millis != null && millis > 0) {
				start(deployment, this.clock.millis() + millis, true, status);
			}
		}, (failure) -> {
			log.warn("cooldown count in Redis failed ({}); counting on this instance", failure.toString());
			countLocally(deployment, minute, now, status, allowed);
		});
	}

	/**
	 * Whether a failure says something about the deployment, as LiteLLM's
	 * {@code _is_cooldown_required} decides: a rate limit, a refused credential, a
	 * timeout, a missing model and any 5xx do; any other 4xx (a bad request, a prompt too
	 * long, a content policy) is the caller's, and counted, any key could put every
	 * deployment of a group to rest for everyone with a few bad requests a minute. Only
	 * an {@code allowed_fails_policy} entry for the kind counts it.
	 */
	static boolean countsAgainstDeployment(int status) {
		return status < 400 || status >= 500 || restsAtOnce(status);
	}

	/** The 4xx that say the deployment itself is refusing: they cool it down at once. */
	private static boolean restsAtOnce(int status) {
		return status == 429 || status == 401 || status == 404 || status == 408;
	}

	private void countLocally(Deployment deployment, long minute, boolean now, int status, int allowed) {
		LocalCount count = this.localFails.compute(deployment.id(),
				(id, old) -> (old != null && old.minute == minute) ? old : new LocalCount(minute));
		if (now || count.fails.incrementAndGet() > allowed) {
			start(deployment, this.clock.millis() + this.policy.cooldown().toMillis(), this.redis != null, status);
		}
	}

	private void start(Deployment deployment, long untilMillis, boolean announce, int status) {
		String deploymentId = deployment.id();
		rest(deploymentId, untilMillis);
		for (CooledDown watcher : this.watchers) {
			try {
				watcher.cooledDown(deployment, status);
			}
			catch (RuntimeException ex) {
				// a watcher (metrics) must not keep the cooldown from being announced
				log.warn("cooldown watcher failed for deployment {}: {}", deploymentId, ex.toString());
			}
		}
		log.info("deployment {} cools down for {} ms", deploymentId, untilMillis - this.clock.millis());
		CooldownBroadcast out = this.broadcast;
		if (announce && out != null) {
			out.announce(deploymentId, untilMillis);
		}
	}

	private static final class LocalCount {

		final long minute;

		final AtomicInteger fails = new AtomicInteger();

		LocalCount(long minute) {
			this.minute = minute;
		}

	}

}
