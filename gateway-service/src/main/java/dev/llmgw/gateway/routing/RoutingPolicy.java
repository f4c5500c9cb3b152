package dev.llmgw.gateway.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.LitellmSettings;
import dev.llmgw.gateway.config.RouterReliability;
import dev.llmgw.gateway.config.RouterSettings;
import dev.llmgw.gateway.error.ContentPolicyViolationError;
import dev.llmgw.gateway.error.ContextWindowExceededError;
import dev.llmgw.gateway.error.GatewayError;
import org.jspecify.annotations.Nullable;

/**
 * What the router does when a call fails, resolved once from the config with LiteLLM's
 * defaults: retries ({@code num_retries} from router_settings, else litellm_settings,
 * else 2, the OpenAI SDK's default that LiteLLM's router takes), the least wait between
 * them ({@code retry_after}), cooldowns after {@code allowed_fails} (3) failures in a
 * minute for {@code cooldown_time} (5 s), and fallbacks by error type, from
 * router_settings or litellm_settings, which LiteLLM both accepts.
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
 * @param reliability {@code max_fallbacks}, the retry and allowed-fails policies by error
 * kind
 * @param tags tag-based routing
 */
public record RoutingPolicy(int numRetries, Duration retryAfter, int allowedFails, Duration cooldown,
		boolean cooldownsEnabled, boolean preCallCheck, Map<String, List<String>> fallbacks,
		Map<String, List<String>> contextWindowFallbacks, Map<String, List<String>> contentPolicyFallbacks,
		List<String> defaultFallbacks, RouterReliability reliability, TagFilter tags) {

	/**
	 * LiteLLM's router falls back to {@code openai.DEFAULT_MAX_RETRIES} when neither
	 * settings block names a count: a proxy started from a config without
	 * {@code num_retries} retries a rate limit, timeout, 5xx or connection failure twice.
	 */
	static final int DEFAULT_NUM_RETRIES = 2;

	static final int DEFAULT_ALLOWED_FAILS = 3;

	static final double DEFAULT_COOLDOWN_SECONDS = 5;

	public static RoutingPolicy from(GatewayConfig config) {
		RouterSettings router = config.routerSettings();
		LitellmSettings litellm = config.litellmSettings();
		Integer retries = (router.numRetries() != null) ? router.numRetries() : litellm.numRetries();
		double cooldown = (router.cooldownTimeSeconds() != null) ? router.cooldownTimeSeconds()
				: DEFAULT_COOLDOWN_SECONDS;
		return new RoutingPolicy((retries != null) ? Math.max(0, retries) : DEFAULT_NUM_RETRIES,
				seconds((router.retryAfterSeconds() != null) ? router.retryAfterSeconds() : 0),
				(router.allowedFails() != null) ? router.allowedFails() : DEFAULT_ALLOWED_FAILS, seconds(cooldown),
				!router.disableCooldowns(), router.enablePreCallCheck(),
				router.fallbacks().isEmpty() ? litellm.fallbacks() : router.fallbacks(),
				router.contextWindowFallbacks().isEmpty() ? litellm.contextWindowFallbacks()
						: router.contextWindowFallbacks(),
				router.contentPolicyFallbacks(),
				router.defaultFallbacks().isEmpty() ? litellm.defaultFallbacks() : router.defaultFallbacks(),
				router.reliability(), new TagFilter(router.enableTagFiltering(), router.tagFilteringMatchAny()));
	}

	/** Fallback groups tried at most for one call ({@code max_fallbacks}). */
	public int maxFallbacks() {
		return this.reliability.maxFallbacks();
	}

	/**
	 * The retries a failure of this kind gets in {@code group}, as LiteLLM's retry policy
	 * gives them: the group's own policy ({@code model_group_retry_policy}) in place of
	 * {@code retry_policy}, the most specific kind first, then {@code DefaultRetries}.
	 * @return the retries, or null when no policy names the kind ({@code num_retries} and
	 * the usual retryable errors then apply)
	 */
	public @Nullable Integer retriesFor(String group, GatewayError error) {
		Map<String, Integer> policy = this.reliability.modelGroupRetryPolicy().get(group);
		if (policy == null) {
			policy = this.reliability.retryPolicy();
		}
		if (policy.isEmpty()) {
			return null;
		}
		for (String kind : ErrorKinds.of(error)) {
			Integer retries = policy.get(kind + "Retries");
			if (retries != null) {
				return retries;
			}
		}
		return policy.get("DefaultRetries");
	}

	/**
	 * The failures of this kind a deployment may have in a minute before it cools down,
	 * from {@code allowed_fails_policy}; null when the policy does not name the kind (or
	 * names zero, which LiteLLM takes as unset).
	 */
	public @Nullable Integer allowedFailsFor(GatewayError error) {
		for (String kind : ErrorKinds.of(error)) {
			Integer allowed = this.reliability.allowedFailsPolicy().get(kind + "AllowedFails");
			if (allowed != null && allowed > 0) {
				return allowed;
			}
		}
		return null;
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
