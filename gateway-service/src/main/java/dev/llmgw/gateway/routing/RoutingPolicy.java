package dev.llmgw.gateway.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.LitellmSettings;
import dev.llmgw.gateway.config.RouterSettings;
import dev.llmgw.gateway.error.ContentPolicyViolationError;
import dev.llmgw.gateway.error.ContextWindowExceededError;
import dev.llmgw.gateway.error.GatewayError;

/**
 * What the router does when a call fails, resolved once from the config with LiteLLM's
 * defaults: retries ({@code num_retries} from router_settings, else litellm_settings,
 * else 0), the least wait between them ({@code retry_after}), cooldowns after
 * {@code allowed_fails} (3) failures in a minute for {@code cooldown_time} (5 s), and
 * fallbacks by error type, from router_settings or litellm_settings, which LiteLLM both
 * accepts.
 *
 * @param numRetries retries across the group's deployments
 * @param retryAfter the least wait before a retry
 * @param allowedFails failures of a deployment in a minute before it cools down
 * @param cooldown how long it then rests
 * @param cooldownsEnabled false with {@code disable_cooldowns}
 * @param preCallCheck skip deployments whose context window the prompt exceeds
 * @param fallbacks group to groups, for any error left after retries
 * @param contextWindowFallbacks group to groups, for a context-window error
 * @param contentPolicyFallbacks group to groups, for a content-policy error
 * @param defaultFallbacks groups tried for any group without its own fallbacks
 */
public record RoutingPolicy(int numRetries, Duration retryAfter, int allowedFails, Duration cooldown,
		boolean cooldownsEnabled, boolean preCallCheck, Map<String, List<String>> fallbacks,
		Map<String, List<String>> contextWindowFallbacks, Map<String, List<String>> contentPolicyFallbacks,
		List<String> defaultFallbacks) {

	static final int DEFAULT_ALLOWED_FAILS = 3;

	static final double DEFAULT_COOLDOWN_SECONDS = 5;

	public static RoutingPolicy from(GatewayConfig config) {
		RouterSettings router = config.routerSettings();
		LitellmSettings litellm = config.litellmSettings();
		Integer retries = (router.numRetries() != null) ? router.numRetries() : litellm.numRetries();
		double cooldown = (router.cooldownTimeSeconds() != null) ? router.cooldownTimeSeconds()
				: DEFAULT_COOLDOWN_SECONDS;
		return new RoutingPolicy((retries != null) ? Math.max(0, retries) : 0,
				seconds((router.retryAfterSeconds() != null) ? router.retryAfterSeconds() : 0),
				(router.allowedFails() != null) ? router.allowedFails() : DEFAULT_ALLOWED_FAILS, seconds(cooldown),
				!router.disableCooldowns(), router.enablePreCallCheck(),
				router.fallbacks().isEmpty() ? litellm.fallbacks() : router.fallbacks(),
				router.contextWindowFallbacks().isEmpty() ? litellm.contextWindowFallbacks()
						: router.contextWindowFallbacks(),
				router.contentPolicyFallbacks(),
				router.defaultFallbacks().isEmpty() ? litellm.defaultFallbacks() : router.defaultFallbacks());
	}

	/**
	 * The groups to try after {@code group} failed with {@code error}, as LiteLLM orders
	 * them: the error type's own fallbacks (context window, content policy), else the
	 * request's, else the configured {@code fallbacks}, else {@code default_fallbacks}.
	 * @param group the group that failed
	 * @param error why
	 * @param requestFallbacks the request's own {@code fallbacks}, empty when none
	 * @return the groups, in order, never {@code group} itself
	 */
	public List<String> fallbacksFor(String group, GatewayError error, Map<String, List<String>> requestFallbacks) {
		List<String> chosen = null;
		if (error instanceof ContextWindowExceededError) {
			chosen = this.contextWindowFallbacks.get(group);
		}
		else if (error instanceof ContentPolicyViolationError) {
			chosen = this.contentPolicyFallbacks.get(group);
		}
		if (chosen == null) {
			chosen = requestFallbacks.get(group);
		}
		if (chosen == null) {
			chosen = this.fallbacks.get(group);
		}
		if (chosen == null) {
			chosen = this.defaultFallbacks;
		}
		List<String> groups = new ArrayList<>(chosen.size());
		for (String name : chosen) {
			if (!name.equals(group) && !groups.contains(name)) {
				groups.add(name);
			}
		}
		return groups;
	}

	private static Duration seconds(double seconds) {
		return Duration.ofMillis(Math.round(seconds * 1000));
	}

}
