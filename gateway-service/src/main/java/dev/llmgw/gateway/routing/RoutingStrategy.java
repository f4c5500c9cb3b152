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
		return switch (name) {
			case "least-busy" -> (candidates) -> lowest(candidates, (d) -> stats.inFlight(d));
			case "latency-based-routing" -> (candidates) -> lowest(candidates, stats::latency);
			case "cost-based-routing" -> (candidates) -> lowest(candidates, costPerToken);
			case "usage-based-routing", "usage-based-routing-v2" -> new UsageBasedRouting(stats);
			default -> new SimpleShuffle();
		};
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
