package dev.llmgw.gateway.admission;

import dev.llmgw.gateway.budget.BudgetGate;
import dev.llmgw.gateway.budget.BudgetLedger;
import dev.llmgw.gateway.budget.RedisBudgetLedger;
import dev.llmgw.gateway.ratelimit.RateLimitGate;
import dev.llmgw.gateway.ratelimit.RateLimiter;
import dev.llmgw.gateway.ratelimit.RedisRateLimiter;
import dev.llmgw.gateway.redis.SharedRedis;
import dev.llmgw.gateway.redis.SharedRedisProvider;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.routing.Router;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admit stage: model access, the first deployment, rate limits and budgets. */
@Configuration(proxyBeanMethods = false)
public class AdmissionConfiguration {

	/**
	 * Limits and budgets in Redis together when it is configured, else each in process.
	 */
	@Bean
	AdmissionCounts admissionCounts(SharedRedisProvider redis, RateLimiter limiter, BudgetLedger ledger) {
		SharedRedis shared = redis.get();
		if (shared != null && limiter instanceof RedisRateLimiter redisLimiter
				&& ledger instanceof RedisBudgetLedger redisLedger) {
			return new RedisAdmissionCounts(shared, redisLimiter, redisLedger);
		}
		return new LocalAdmissionCounts(limiter, ledger);
	}

	@Bean
	ModelCallGate modelCallGate(ModelRegistry models, Router router, RateLimitGate rateLimits, BudgetGate budgets,
			AdmissionCounts counts) {
		return new ModelCallGate(models, router, rateLimits, budgets, counts);
	}

	@Bean
	AdmissionEndListener admissionEndListener(AdmissionCounts counts) {
		return new AdmissionEndListener(counts);
	}

}
