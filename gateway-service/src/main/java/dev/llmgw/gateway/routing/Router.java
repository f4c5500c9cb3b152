package dev.llmgw.gateway.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.ToIntFunction;

import dev.llmgw.gateway.error.ContextWindowExceededError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.providers.Deployment;

/**
 * Picks the deployment of a model group that takes a call: the deployments not cooling
 * down (and, with {@code enable_pre_call_check}, whose context window holds the prompt),
 * then the configured strategy among them.
 */
public final class Router {

	private final RoutingStrategy strategy;

	private final Cooldowns cooldowns;

	private final RoutingPolicy policy;

	private final ToIntFunction<Deployment> contextWindow;

	/**
	 * @param strategy how to choose among the candidates
	 * @param cooldowns which deployments rest
	 * @param policy retries, cooldowns and the pre-call check
	 * @param contextWindow a deployment's max input tokens, 0 when unknown
	 */
	public Router(RoutingStrategy strategy, Cooldowns cooldowns, RoutingPolicy policy,
			ToIntFunction<Deployment> contextWindow) {
		this.strategy = strategy;
		this.cooldowns = cooldowns;
		this.policy = policy;
		this.contextWindow = contextWindow;
	}

	public RoutingPolicy policy() {
		return this.policy;
	}

	public Cooldowns cooldowns() {
		return this.cooldowns;
	}

	/**
	 * @param group a group with at least one deployment
	 * @return the chosen deployment
	 */
	public Deployment pick(ModelGroup group) {
		return pick(group, List.of(), 0, List.of());
	}

	/**
	 * @param group the model group
	 * @param exclude ids of deployments already tried for this call
	 * @param promptChars the prompt's size, for the pre-call context-window check
	 * @param tags the request's routing tags ({@link TagFilter})
	 * @return the chosen deployment
	 * @throws RateLimitError when every deployment rests, as LiteLLM answers
	 * @throws ContextWindowExceededError when the prompt fits no deployment's window
	 * @throws dev.llmgw.gateway.error.AuthenticationError when tag routing leaves none
	 */
	public Deployment pick(ModelGroup group, Collection<String> exclude, long promptChars, List<String> tags) {
		List<Deployment> deployments = this.policy.tags().filter(group.name(), group.deployments(), tags);
		if (deployments.size() == 1 && exclude.isEmpty() && !this.policy.preCallCheck()) {
			return deployments.get(0);
		}
		List<Deployment> candidates = new ArrayList<>(deployments.size());
		boolean anyFits = false;
		for (Deployment deployment : deployments) {
			if (exclude.contains(deployment.id()) || !fits(deployment, promptChars)) {
				continue;
			}
			anyFits = true;
			if (!this.cooldowns.resting(deployment)) {
				candidates.add(deployment);
			}
		}
		if (candidates.isEmpty()) {
			if (!anyFits && this.policy.preCallCheck() && exclude.isEmpty()) {
				throw new ContextWindowExceededError(
						"litellm.ContextWindowExceededError: the prompt (about " + promptChars / 4
								+ " tokens) is larger than the context window of every deployment of " + group.name());
			}
			long seconds = Math.max(1, this.policy.cooldown().toSeconds());
			throw new RateLimitError("litellm.RateLimitError: No deployments available for selected model, Try again "
					+ "in " + seconds + " seconds. Passed model=" + group.name() + ".", Long.toString(seconds));
		}
		return (candidates.size() == 1) ? candidates.get(0) : this.strategy.pick(candidates);
	}

	private boolean fits(Deployment deployment, long promptChars) {
		if (!this.policy.preCallCheck() || promptChars == 0) {
			return true;
		}
		int window = this.contextWindow.applyAsInt(deployment);
		return window <= 0 || promptChars / 4 <= window;
	}

}
