package dev.llmgw.gateway.routing;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.providers.Deployment;

/**
 * LiteLLM's {@code usage-based-routing-v2}: the deployment with the fewest tokens this
 * minute, leaving out those whose {@code rpm} or {@code tpm} is used up. When every
 * deployment is used up the least used still takes the call; the deployment's own limit
 * then answers.
 */
final class UsageBasedRouting implements RoutingStrategy {

	private final DeploymentStats stats;

	UsageBasedRouting(DeploymentStats stats) {
		this.stats = stats;
	}

	@Override
	public Deployment pick(List<Deployment> candidates) {
		List<Deployment> open = new ArrayList<>(candidates.size());
		for (Deployment candidate : candidates) {
			Integer rpm = candidate.params().rpm();
			Integer tpm = candidate.params().tpm();
			boolean full = (rpm != null && this.stats.requestsThisMinute(candidate) >= rpm)
					|| (tpm != null && this.stats.tokensThisMinute(candidate) >= tpm);
			if (!full) {
				open.add(candidate);
			}
		}
		return RoutingStrategy.lowest(open.isEmpty() ? candidates : open, this.stats::tokensThisMinute);
	}

}
