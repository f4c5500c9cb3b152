package dev.llmgw.gateway.routing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the deployment of a model group that takes a call. This is LiteLLM's default
 * {@code simple-shuffle}: a random pick weighted by {@code weight}; the other strategies,
 * retries, cooldowns and fallbacks build on it.
 */
public final class Router {

	/**
	 * @param group a group with at least one deployment
	 * @return the chosen deployment
	 */
	public Deployment pick(ModelGroup group) {
		List<Deployment> deployments = group.deployments();
		if (deployments.size() == 1) {
			return deployments.get(0);
		}
		if (group.totalWeight() <= 0) {
			return deployments.get(ThreadLocalRandom.current().nextInt(deployments.size()));
		}
		int ticket = ThreadLocalRandom.current().nextInt(group.totalWeight());
		for (Deployment deployment : deployments) {
			ticket -= deployment.weight();
			if (ticket < 0) {
				return deployment;
			}
		}
		return deployments.get(deployments.size() - 1);
	}

}
