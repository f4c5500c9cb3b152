package dev.llmgw.gateway.routing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmgw.gateway.providers.Deployment;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The priority queues of the model groups that have a concurrency limit: each
 * deployment's {@code max_parallel_requests} (else router_settings'
 * {@code default_max_parallel_requests}) adds to its group's capacity. A group without
 * any limit has no queue and a call costs nothing here.
 */
public final class ConcurrencyLimits {

	private static final Mono<Runnable> NO_LIMIT = Mono.just(() -> {
	});

	private final @Nullable Integer defaultLimit;

	private final @Nullable Integer defaultPriority;

	private final Map<String, PriorityQueue> queues = new ConcurrentHashMap<>();

	private final Map<String, Boolean> unlimited = new ConcurrentHashMap<>();

	public ConcurrencyLimits(@Nullable Integer defaultLimit, @Nullable Integer defaultPriority) {
		this.defaultLimit = defaultLimit;
		this.defaultPriority = defaultPriority;
	}

	/**
	 * Waits for a slot in {@code group}.
	 * @param group the model group
	 * @param priority the request's {@code priority}, null for none (then
	 * {@code default_priority}, else after every prioritized request)
	 * @param maxWait the longest wait before a 429
	 * @return the release of the slot, to run once the call ends
	 */
	public Mono<Runnable> enter(ModelGroup group, @Nullable Integer priority, Duration maxWait) {
		if (this.unlimited.containsKey(group.name())) {
			return NO_LIMIT;
		}
		PriorityQueue queue = this.queues.get(group.name());
		if (queue == null) {
			int capacity = capacity(group);
			if (capacity <= 0) {
				this.unlimited.put(group.name(), Boolean.TRUE);
				return NO_LIMIT;
			}
			queue = this.queues.computeIfAbsent(group.name(), (name) -> new PriorityQueue(name, capacity));
		}
		int rank = (priority != null) ? priority
				: (this.defaultPriority != null) ? this.defaultPriority : Integer.MAX_VALUE;
		return queue.enter(rank, maxWait).map((permit) -> permit::release);
	}

	private int capacity(ModelGroup group) {
		int total = 0;
		for (Deployment deployment : group.deployments()) {
			Object limit = deployment.params().providerSettings().get("max_parallel_requests");
			Integer value = (limit instanceof Number number) ? Integer.valueOf(number.intValue()) : this.defaultLimit;
			if (value == null || value <= 0) {
				// one deployment without a limit leaves the group unlimited
				return 0;
			}
			total += value;
		}
		return total;
	}

}
