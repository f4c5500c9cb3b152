package dev.llmgw.gateway.routing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToDoubleFunction;

import dev.llmgw.gateway.providers.Deployment;

/**
 * How the router chooses among a group's available deployments
 * ({@code router_settings.routing_strategy}).
 */
@FunctionalInterface
public interface RoutingStrategy {

	/**
	 * @param candidates the deployments that may take the call, never empty
	 * @return the chosen one
	 */
	Deployment pick(List<Deployment> candidates);

	/**
	 * The strategy a config names, LiteLLM's names; an unknown name is
	 * {@code simple-shuffle}, which the config loader already warned about.
	 * @param name the routing_strategy
	 * @param stats what this instance has seen of each deployment
	 * @param costPerToken a deployment's price, for cost-based routing
	 * @return the strategy
	 */
	static RoutingStrategy named(String name, DeploymentStats stats, ToDoubleFunction<Deployment> costPerToken) {
		return named(name, stats, costPerToken, 0);
	}

	/**
	 * As {@link #named(String, DeploymentStats, ToDoubleFunction)}, with latency-based
	 * routing choosing at random among the deployments within {@code latencyBuffer} (a
	 * fraction) of the lowest latency, LiteLLM's {@code lowest_latency_buffer}.
	 */
	static RoutingStrategy named(String name, DeploymentStats stats, ToDoubleFunction<Deployment> costPerToken,
			double latencyBuffer) {
		return switch (name) {
			case "least-busy" -> (candidates) -> lowest(candidates, (d) -> stats.inFlight(d));
			case "latency-based-routing" ->
				(latencyBuffer > 0) ? (candidates) -> within(candidates, stats::latency, latencyBuffer)
						: (candidates) -> lowest(candidates, stats::latency);
			case "cost-based-routing" -> (candidates) -> lowest(candidates, costPerToken);
			case "usage-based-routing", "usage-based-routing-v2" -> new UsageBasedRouting(stats);
			default -> new SimpleShuffle();
		};
	}

	/**
	 * A random one of the deployments whose score is within {@code buffer} of the lowest;
	 * an unmeasured one (score 0) is taken first, to be measured.
	 */
	static Deployment within(List<Deployment> candidates, ToDoubleFunction<Deployment> score, double buffer) {
		Deployment lowest = lowest(candidates, score);
		double bound = score.applyAsDouble(lowest) * (1 + buffer);
		Deployment chosen = lowest;
		int seen = 0;
		for (Deployment candidate : candidates) {
			if (score.applyAsDouble(candidate) <= bound && ThreadLocalRandom.current().nextInt(++seen) == 0) {
				chosen = candidate;
			}
		}
		return chosen;
	}

	/** The deployment with the lowest score, a random one among equals. */
	static Deployment lowest(List<Deployment> candidates, ToDoubleFunction<Deployment> score) {
		Deployment best = null;
		double bestScore = Double.MAX_VALUE;
		int ties = 0;
		for (Deployment candidate : candidates) {
			double value = score.applyAsDouble(candidate);
			if (value < bestScore) {
				best = candidate;
				bestScore = value;
				ties = 1;
			}
			else if (value == bestScore && ThreadLocalRandom.current().nextInt(++ties) == 0) {
				// reservoir sampling keeps each of the tied deployments equally likely
				best = candidate;
			}
		}
		return (best != null) ? best : candidates.get(0);
	}

}
