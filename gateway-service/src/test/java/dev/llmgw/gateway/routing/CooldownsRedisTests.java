package dev.llmgw.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.redis.SharedRedis;
import dev.llmgw.gateway.support.ExternalServices;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cooldown script (resources/scripts/router_cooldown.lua) against a real Redis:
 * failures add up past allowed_fails, a 429 rests a deployment at once, the flag expires
 * with cooldown_time, and without Redis the instance counts alone.
 */
class CooldownsRedisTests {

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
	void failuresPastAllowedFailsStartACooldownInRedis() throws Exception {
		Deployment deployment = deployment();
		Cooldowns cooldowns = new Cooldowns(policy(), Clock.systemUTC(), redis);
		UpstreamError failure = new UpstreamError(500, "api_error", "boom", null);
		cooldowns.failed(deployment, failure, 2);
		cooldowns.failed(deployment, failure, 2);
		Thread.sleep(200);
		assertThat(cooldowns.resting(deployment)).as("two failures are allowed").isFalse();
		cooldowns.failed(deployment, failure, 2);
		awaitResting(cooldowns, deployment);
		Long ttl = redis.commands()
			.flatMap((commands) -> commands.pttl("llmgw:router:cooldown:" + deployment.id()))
			.block();
		assertThat(ttl).isBetween(1L, 5_000L);
	}

	@Test
	void aSecondInstanceCountsTheFirstInstancesFailures() throws Exception {
		Deployment deployment = deployment();
		Cooldowns first = new Cooldowns(policy(), Clock.systemUTC(), redis);
		Cooldowns second = new Cooldowns(policy(), Clock.systemUTC(), redis);
		UpstreamError failure = new UpstreamError(502, "api_error", "boom", null);
		first.failed(deployment, failure, 2);
		first.failed(deployment, failure, 2);
		Thread.sleep(200);
		second.failed(deployment, failure, 2);
		awaitResting(second, deployment);
	}

	@Test
	void aRateLimitRestsADeploymentAtOnce() throws Exception {
		Deployment deployment = deployment();
		Cooldowns cooldowns = new Cooldowns(policy(), Clock.systemUTC(), redis);
		cooldowns.failed(deployment, new RateLimitError("429", "1"), 2);
		awaitResting(cooldowns, deployment);
	}

	@Test
	void withoutRedisTheInstanceCountsAlone() {
		SharedRedis nowhere = new SharedRedis(RedisURI.create("127.0.0.1", 1), Duration.ofMillis(200));
		try {
			Deployment deployment = deployment();
			Cooldowns cooldowns = new Cooldowns(policy(), Clock.systemUTC(), nowhere);
			UpstreamError failure = new UpstreamError(500, "api_error", "boom", null);
			for (int i = 0; i < 3; i++) {
				cooldowns.failed(deployment, failure, 2);
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			while (!cooldowns.resting(deployment) && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(cooldowns.resting(deployment)).isTrue();
		}
		finally {
			nowhere.close();
		}
	}

	private static void awaitResting(Cooldowns cooldowns, Deployment deployment) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (!cooldowns.resting(deployment) && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(cooldowns.resting(deployment)).isTrue();
	}

	private static RoutingPolicy policy() {
		return RoutingPolicy.from(config());
	}

	private static GatewayConfig config() {
		return new ConfigLoader(EnvironmentLookup.of(Map.of())).parse("""
				model_list:
				  - model_name: m
				    litellm_params: {model: openai/m, api_key: k}
				    model_info: {id: "%s"}
				router_settings: {allowed_fails: 2, cooldown_time: 5}
				""".formatted("cooldown-test-" + UUID.randomUUID()), "t");
	}

	private static Deployment deployment() {
		return new ModelRegistry(config()).find("m").deployments().get(0);
	}

}
