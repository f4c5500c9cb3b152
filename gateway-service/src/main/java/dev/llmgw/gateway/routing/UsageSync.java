package dev.llmgw.gateway.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.redis.LuaScript;
import dev.llmgw.gateway.redis.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Shares each deployment's usage this minute between instances for
 * {@code usage-based-routing-v2}: once a second every instance adds what it used to
 * per-minute counters in Redis and reads back everyone's totals, in one script call, so
 * that the hot path reads only local numbers and a deployment filled up by another
 * instance is skipped here within a second. A failed sync leaves the local view.
 */
public final class UsageSync implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(UsageSync.class);

	private static final LuaScript SCRIPT = LuaScript.load("router_usage.lua");

	private static final String KEY_TTL_MILLIS = Long.toString(Duration.ofMinutes(2).toMillis());

	private final DeploymentStats stats;

	private final SharedRedis redis;

	private final Disposable schedule;

	public UsageSync(DeploymentStats stats, SharedRedis redis, Duration every) {
		this.stats = stats;
		this.redis = redis;
		this.schedule = Flux.interval(every, every)
			.onBackpressureDrop()
			.concatMap((tick) -> sync().onErrorResume((error) -> {
				log.debug("usage sync failed: {}", error.toString());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	/** One round: push this instance's usage, read everyone's. */
	public Mono<Void> sync() {
		List<String> ids = new ArrayList<>(this.stats.deploymentIds());
		if (ids.isEmpty()) {
			return Mono.empty();
		}
		long minute = this.stats.currentMinute();
		String[] keys = new String[ids.size() * 2];
		String[] args = new String[ids.size() * 2 + 1];
		List<long[]> taken = new ArrayList<>(ids.size());
		for (int i = 0; i < ids.size(); i++) {
			long[] pending = this.stats.takePending(ids.get(i));
			taken.add(pending);
			keys[2 * i] = "llmgw:router:usage:" + ids.get(i) + ":" + minute + ":tokens";
			keys[2 * i + 1] = "llmgw:router:usage:" + ids.get(i) + ":" + minute + ":requests";
			args[2 * i] = Long.toString(pending[0]);
			args[2 * i + 1] = Long.toString(pending[1]);
		}
		args[args.length - 1] = KEY_TTL_MILLIS;
		return this.redis.<List<Long>>run(SCRIPT, ScriptOutputType.MULTI, keys, args, Duration.ofSeconds(1))
			.doOnNext((totals) -> {
				for (int i = 0; i < ids.size(); i++) {
					this.stats.shared(ids.get(i), minute, totals.get(2 * i), totals.get(2 * i + 1));
				}
			})
			.doOnError((error) -> restore(ids, taken))
			.then();
	}

	/** A sync that failed puts the usage back, to be added next time. */
	private void restore(List<String> ids, List<long[]> taken) {
		for (int i = 0; i < ids.size(); i++) {
			long[] pending = taken.get(i);
			if (pending[0] > 0 || pending[1] > 0) {
				this.stats.restorePending(ids.get(i), pending[0], pending[1]);
			}
		}
	}

	@Override
	public void close() {
		this.schedule.dispose();
	}

}
