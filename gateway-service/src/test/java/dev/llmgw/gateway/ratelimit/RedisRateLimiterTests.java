package dev.llmgw.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import dev.llmgw.gateway.redis.SharedRedis;
import dev.llmgw.gateway.support.ExternalServices;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lua scripts (resources/scripts/rate_limit_*.lua) against a real Redis, and failing
 * open without one.
 */
class RedisRateLimiterTests extends RateLimiterContractTests {

	private static RedisRateLimiter limiter;

	private static SharedRedis redis;

	@BeforeAll
	static void connect() {
		redis = new SharedRedis(RedisURI.create(ExternalServices.redisHost(), ExternalServices.redisPort()),
				Duration.ofSeconds(2));
		limiter = new RedisRateLimiter(redis, CLOCK, Duration.ofSeconds(2));
		assertThat(limiter.admit(List.of(new LimitCheck("test", "ping", LimitKind.REQUESTS, 1_000_000)))
			.block()
			.remaining()[0])
			.as("Redis is needed at %s:%d (REDIS_HOST/REDIS_PORT)", ExternalServices.redisHost(),
					ExternalServices.redisPort())
			.isNotNegative();
	}

	@AfterAll
	static void close() {
		redis.close();
	}

	@Override
	RateLimiter limiter() {
		return limiter;
	}

	@Test
	void withoutRedisLimitsFailOpen() {
		SharedRedis nowhere = new SharedRedis(RedisURI.create("127.0.0.1", 1), Duration.ofMillis(200));
		RedisRateLimiter unreachable = new RedisRateLimiter(nowhere, CLOCK, Duration.ofMillis(200));
		try {
			LimitCheck rpm = new LimitCheck("api_key", this.id, LimitKind.REQUESTS, 1);
			for (int i = 0; i < 3; i++) {
				Admission admission = unreachable.admit(List.of(rpm)).block();
				assertThat(admission.allowed()).isTrue();
				assertThat(admission.remaining()[0]).as("unknown").isEqualTo(-1);
			}
			assertThat(unreachable.failOpenCount()).isEqualTo(3);
		}
		finally {
			nowhere.close();
		}
	}

}
