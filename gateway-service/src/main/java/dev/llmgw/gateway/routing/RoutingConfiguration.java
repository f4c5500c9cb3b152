package dev.llmgw.gateway.routing;

import java.time.Clock;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.RouterReliability;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.gateway.pricing.ModelPrice;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.redis.Broadcast;
import dev.llmgw.gateway.redis.SharedRedisProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The router and the state it keeps: per-deployment statistics, cooldowns (shared through
 * Redis when it is configured) and the policy read from router_settings.
 */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

	@Bean
	ModelRegistry modelRegistry(GatewayConfig config) {
		return new ModelRegistry(config);
	}

	@Bean
	RoutingPolicy routingPolicy(GatewayConfig config) {
		return RoutingPolicy.from(config);
	}

	@Bean
	DeploymentStats deploymentStats(GatewayConfig config, Clock clock) {
		RouterReliability args = config.routerSettings().reliability();
		return new DeploymentStats(clock, args.maxLatencyListSize(),
				java.time.Duration.ofMillis(Math.round(args.latencyTtlSeconds() * 1000)));
	}

	@Bean
	Cooldowns cooldowns(RoutingPolicy policy, Clock clock, SharedRedisProvider redis) {
		return new Cooldowns(policy, clock, redis.get());
	}

	@Bean
	CooldownBroadcast cooldownBroadcast(Broadcast broadcast, Cooldowns cooldowns) {
		return new CooldownBroadcast(broadcast, cooldowns);
	}

	/** Shares usage between instances, for usage-based routing only. */
	@Bean(destroyMethod = "close")
	@Nullable UsageSync usageSync(GatewayConfig config, DeploymentStats stats, SharedRedisProvider redis) {
		boolean usageBased = config.routerSettings().routingStrategy().startsWith("usage-based-routing");
		return (usageBased && redis.get() != null) ? new UsageSync(stats, redis.get(), java.time.Duration.ofSeconds(1))
				: null;
	}

	@Bean
	ConcurrencyLimits concurrencyLimits(GatewayConfig config) {
		return new ConcurrencyLimits(config.routerSettings().defaultMaxParallelRequests(),
				config.routerSettings().defaultPriority());
	}

	@Bean
	Router router(GatewayConfig config, RoutingPolicy policy, Cooldowns cooldowns, DeploymentStats stats,
			PriceMap prices) {
		RoutingStrategy strategy = RoutingStrategy.named(config.routerSettings().routingStrategy(), stats,
				(deployment) -> {
					ModelPrice price = prices.priceOf(deployment);
					return price.inputCostPerToken() + price.outputCostPerToken();
				}, config.routerSettings().reliability().lowestLatencyBuffer());
		return new Router(strategy, cooldowns, policy, (deployment) -> {
			Integer window = deployment.modelInfo().maxInputTokens();
			if (window == null) {
				window = prices.priceOf(deployment).maxInputTokens();
			}
			return (window != null) ? window : 0;
		});
	}

	@Bean
	RoutedDispatch routedDispatch(Router router, ModelRegistry models, DeploymentStats stats,
			ConcurrencyLimits limits) {
		return new RoutedDispatch(router, models, stats, new GroupQueue(limits));
	}

}
