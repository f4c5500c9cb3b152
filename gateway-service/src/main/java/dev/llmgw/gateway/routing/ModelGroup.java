package dev.llmgw.gateway.routing;

import java.util.List;

import dev.llmgw.gateway.providers.Deployment;

/**
 * The deployments that answer to one public model name.
 *
 * @param name the model name clients send
 * @param deployments its deployments, in config order
 * @param totalWeight the sum of their weights, for the weighted shuffle
 */
public record ModelGroup(String name, List<Deployment> deployments, int totalWeight) {

	public static ModelGroup of(String name, List<Deployment> deployments) {
		int total = 0;
		for (Deployment deployment : deployments) {
			total += deployment.weight();
		}
		return new ModelGroup(name, List.copyOf(deployments), total);
	}

}
