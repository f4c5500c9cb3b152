package dev.llmgw.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.support.SettableClock;
import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.error.ContextWindowExceededError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.Deployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The router's choices: weights within statistical bounds, rpm as weights, cooldowns
 * taking a deployment out, the pre-call context-window check and the strategies.
 */
class RouterTests {

	private static final String CONFIG = """
			model_list:
			  - model_name: weighted
			    litellm_params: {model: openai/a, api_key: k, weight: 1}
			    model_info: {id: light}
			  - model_name: weighted
			    litellm_params: {model: openai/b, api_key: k, weight: 3}
			    model_info: {id: heavy}
			  - model_name: by-rpm
			    litellm_params: {model: openai/a, api_key: k, rpm: 100}
			    model_info: {id: rpm-100}
			  - model_name: by-rpm
			    litellm_params: {model: openai/b, api_key: k, rpm: 900}
			    model_info: {id: rpm-900}
			  - model_name: windows
			    litellm_params: {model: openai/gpt-4o-mini, api_key: k}
			    model_info: {id: wide, max_input_tokens: 100000}
			  - model_name: windows
			    litellm_params: {model: openai/tiny, api_key: k}
			    model_info: {id: narrow, max_input_tokens: 100}
			router_settings:
			  routing_strategy: %s
			  enable_pre_call_check: true
			  allowed_fails: 2
			  cooldown_time: 30
			""";

	@Test
	void weightsShareTheCallsWithinStatisticalBounds() {
		Map<String, Integer> counts = picks("simple-shuffle", "weighted", 1000);
		// binomial(1000, 0.75): mean 750, sd 13.7; 5 sd either way fails once in millions
		assertThat(counts.get("heavy")).isBetween(750 - 69, 750 + 69);
		assertThat(counts.get("light") + counts.get("heavy")).isEqualTo(1000);
	}

	@Test
	void rpmWeighsTheShuffleWhenNoWeightIsSet() {
		Map<String, Integer> counts = picks("simple-shuffle", "by-rpm", 1000);
		// binomial(1000, 0.9): mean 900, sd 9.5
		assertThat(counts.get("rpm-900")).isBetween(900 - 48, 900 + 48);
	}

	@Test
	void aDeploymentPastItsAllowedFailsRestsAndTheOtherTakesEveryCall() {
		Setup setup = setup("simple-shuffle");
		ModelGroup group = setup.registry.find("weighted");
		Deployment heavy = byId(group, "heavy");
		UpstreamError failure = new UpstreamError(500, "api_error", "boom", null);
		setup.cooldowns.failed(heavy, failure, 2);
		setup.cooldowns.failed(heavy, failure, 2);
		assertThat(setup.cooldowns.resting(heavy)).as("two failures are allowed").isFalse();
		setup.cooldowns.failed(heavy, failure, 2);
		assertThat(setup.cooldowns.resting(heavy)).isTrue();
		for (int i = 0; i < 100; i++) {
			assertThat(setup.router.pick(group).id()).isEqualTo("light");
		}
		setup.cooldowns.failed(byId(group, "light"), new RateLimitError("429", "3"), 2);
		assertThatThrownBy(() -> setup.router.pick(group)).isInstanceOf(RateLimitError.class)
			.hasMessageContaining("No deployments available for selected model");
	}

	@Test
	void theOnlyDeploymentOfAGroupNeverRests() {
		Setup setup = setup("simple-shuffle");
		Deployment only = setup.registry.find("windows").deployments().get(0);
		for (int i = 0; i < 10; i++) {
			setup.cooldowns.failed(only, new UpstreamError(500, "api_error", "boom", null), 1);
		}
		assertThat(setup.cooldowns.resting(only)).isFalse();
	}

	@Test
	void thePreCallCheckSkipsDeploymentsTooSmallForThePrompt() {
		Setup setup = setup("simple-shuffle");
		ModelGroup group = setup.registry.find("windows");
		for (int i = 0; i < 50; i++) {
			assertThat(setup.router.pick(group, List.of(), 4 * 5000, List.of()).id()).isEqualTo("wide");
		}
		assertThatThrownBy(() -> setup.router.pick(group, List.of(), 4 * 200_000, List.of()))
			.isInstanceOf(ContextWindowExceededError.class);
	}

	@Test
	void leastBusyPicksTheDeploymentWithFewestCallsInFlight() {
		Setup setup = setup("least-busy");
		ModelGroup group = setup.registry.find("weighted");
		setup.stats.started(byId(group, "heavy"));
		for (int i = 0; i < 20; i++) {
			assertThat(setup.router.pick(group).id()).isEqualTo("light");
		}
	}

	@Test
	void latencyBasedPicksTheFastest() {
		Setup setup = setup("latency-based-routing");
		ModelGroup group = setup.registry.find("weighted");
		setup.stats.started(byId(group, "heavy"));
		setup.stats.finished(byId(group, "heavy"), Duration.ofMillis(20).toNanos(), 10);
		setup.stats.started(byId(group, "light"));
		setup.stats.finished(byId(group, "light"), Duration.ofMillis(200).toNanos(), 10);
		for (int i = 0; i < 20; i++) {
			assertThat(setup.router.pick(group).id()).isEqualTo("heavy");
		}
	}

	@Test
	void usageBasedSkipsADeploymentWhoseRpmIsUsedUp() {
		Setup setup = setup("usage-based-routing-v2");
		ModelGroup group = setup.registry.find("by-rpm");
		Deployment small = byId(group, "rpm-100");
		for (int i = 0; i < 100; i++) {
			setup.stats.started(small);
			setup.stats.finished(small, 1, 0);
		}
		for (int i = 0; i < 20; i++) {
			assertThat(setup.router.pick(group).id()).isEqualTo("rpm-900");
		}
	}

	private static Map<String, Integer> picks(String strategy, String model, int calls) {
		Setup setup = setup(strategy);
		ModelGroup group = setup.registry.find(model);
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < calls; i++) {
			counts.merge(setup.router.pick(group).id(), 1, Integer::sum);
		}
		return counts;
	}

	private static Deployment byId(ModelGroup group, String id) {
		return group.deployments().stream().filter((d) -> d.id().equals(id)).findFirst().orElseThrow();
	}

	@Test
	void allowedFailsPolicyCountsAKindInsteadOfCoolingAtOnce() {
		Setup setup = setup("simple-shuffle", "  allowed_fails_policy: {RateLimitErrorAllowedFails: 3}\n");
		Deployment heavy = byId(setup.registry.find("weighted"), "heavy");
		RateLimitError limited = new RateLimitError("429", null);
		for (int i = 0; i < 3; i++) {
			setup.cooldowns.failed(heavy, limited, 2);
			assertThat(setup.cooldowns.resting(heavy)).as("429s allowed: " + (i + 1)).isFalse();
		}
		setup.cooldowns.failed(heavy, limited, 2);
		assertThat(setup.cooldowns.resting(heavy)).isTrue();
		// a kind the policy does not name keeps allowed_fails (2) and the usual rules
		Deployment light = byId(setup.registry.find("weighted"), "light");
		setup.cooldowns.failed(light, new dev.llmgw.gateway.error.AuthenticationError("401"), 2);
		assertThat(setup.cooldowns.resting(light)).as("a 401 still rests the deployment at once").isTrue();
	}

	@Test
	void theLatencyBufferSharesCallsAmongTheNearlyFastest() {
		Setup setup = setup("latency-based-routing", "  routing_strategy_args: {lowest_latency_buffer: 0.5}\n");
		ModelGroup group = setup.registry.find("weighted");
		setup.stats.started(byId(group, "heavy"));
		setup.stats.finished(byId(group, "heavy"), Duration.ofMillis(20).toNanos(), 10);
		setup.stats.started(byId(group, "light"));
		setup.stats.finished(byId(group, "light"), Duration.ofMillis(25).toNanos(), 10);
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < 400; i++) {
			counts.merge(setup.router.pick(group).id(), 1, Integer::sum);
		}
		assertThat(counts.get("light")).as("within 50%% of the fastest: chosen too").isBetween(120, 280);
	}

	@Test
	void aLatencySampleOlderThanItsTtlNoLongerCounts() {
		SettableClock clock = new SettableClock(java.time.Instant.ofEpochMilli(1_000_000));
		DeploymentStats stats = new DeploymentStats(clock, 10, Duration.ofSeconds(60));
		Deployment heavy = byId(setup("latency-based-routing").registry.find("weighted"), "heavy");
		stats.started(heavy);
		stats.finished(heavy, Duration.ofMillis(200).toNanos(), 10);
		assertThat(stats.latency(heavy)).isPositive();
		clock.advance(Duration.ofSeconds(61));
		assertThat(stats.latency(heavy)).as("unmeasured again, so tried again").isZero();
	}

	private static Setup setup(String strategy) {
		return setup(strategy, "");
	}

	private static Setup setup(String strategy, String routerSettings) {
		GatewayConfig config = new ConfigLoader(EnvironmentLookup.of(Map.of()))
			.parse(CONFIG.formatted(strategy) + routerSettings, "t");
		ModelRegistry registry = new ModelRegistry(config);
		RoutingPolicy policy = RoutingPolicy.from(config);
		DeploymentStats stats = new DeploymentStats(Clock.systemUTC());
		Cooldowns cooldowns = new Cooldowns(policy, Clock.systemUTC(), null);
		Router router = new Router(RoutingStrategy.named(strategy, stats, (d) -> 0,
				config.routerSettings().reliability().lowestLatencyBuffer()), cooldowns, policy, (d) -> {
					Integer window = d.modelInfo().maxInputTokens();
					return (window != null) ? window : 0;
				});
		return new Setup(registry, stats, cooldowns, router);
	}

	private record Setup(ModelRegistry registry, DeploymentStats stats, Cooldowns cooldowns, Router router) {

	}

}
