package dev.llmgw.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.redis.SharedRedis;
import dev.llmgw.gateway.support.ExternalServices;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage shared between two instances through the usage script
 * (resources/scripts/router_usage.lua): a deployment whose rpm the first instance used up
 * is skipped by the second one's usage-based routing after a sync.
 */
class UsageSyncTests {

	private static SharedRedis redis;

	@BeforeAll
	static void connect() {
		redis = new SharedRedis(RedisURI.create(ExternalServices.redisHost(), ExternalServices.redisPort()),
				Duration.ofSeconds(2));
	}

	@AfterAll
	static void close() {
		redis.close();
	}

	@Test
	void aDeploymentFilledOnOneInstanceIsSkippedOnTheOther() {
		String suffix = UUID.randomUUID().toString();
		ModelGroup group = group(suffix);
		Deployment small = group.deployments().get(0);
		Deployment large = group.deployments().get(1);
		DeploymentStats first = new DeploymentStats(Clock.systemUTC());
		DeploymentStats second = new DeploymentStats(Clock.systemUTC());
		UsageSync firstSync = new UsageSync(first, redis, Duration.ofHours(1));
		UsageSync secondSync = new UsageSync(second, redis, Duration.ofHours(1));
		try {
			RoutingStrategy routing = RoutingStrategy.named("usage-based-routing-v2", second, (d) -> 0);
			// the second instance has seen both deployments but used neither
			second.tokensThisMinute(small);
			second.tokensThisMinute(large);
			for (int i = 0; i < 3; i++) {
				first.started(small);
				first.finished(small, 1, 10);
			}
			firstSync.sync().block();
			secondSync.sync().block();
			assertThat(second.requestsThisMinute(small)).isEqualTo(3);
			assertThat(second.tokensThisMinute(small)).isEqualTo(30);
			for (int i = 0; i < 20; i++) {
				assertThat(routing.pick(group.deployments()).id()).isEqualTo(large.id());
			}
			// what the first instance sent is counted once, however often it syncs
			firstSync.sync().block();
			assertThat(first.requestsThisMinute(small)).isEqualTo(3);
		}
		finally {
			firstSync.close();
			secondSync.close();
		}
	}

	private static ModelGroup group(String suffix) {
		GatewayConfig config = new ConfigLoader(EnvironmentLookup.of(Map.of())).parse("""
				model_list:
				  - model_name: g
				    litellm_params: {model: openai/small, api_key: k, rpm: 3}
				    model_info: {id: "small-%1$s"}
				  - model_name: g
				    litellm_params: {model: openai/large, api_key: k, rpm: 1000}
				    model_info: {id: "large-%1$s"}
				""".formatted(suffix), "t");
		return new ModelRegistry(config).find("g");
	}

}
