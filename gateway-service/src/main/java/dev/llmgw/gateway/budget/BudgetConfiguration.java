package dev.llmgw.gateway.budget;

import java.time.Clock;
import java.time.Duration;

import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.config.SharedRedis;
import dev.llmgw.gateway.config.SharedRedisProvider;
import dev.llmgw.gateway.spend.PriceMap;
import dev.llmgw.gateway.storage.Database;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Budgets in Redis when it is configured (several instances), else in process (one
 * instance).
 */
@Configuration(proxyBeanMethods = false)
public class BudgetConfiguration {

	@Bean
	BudgetLedger budgetLedger(SharedRedisProvider redis) {
		SharedRedis shared = redis.get();
		return (shared != null) ? new RedisBudgetLedger(shared, Duration.ofSeconds(1)) : new LocalBudgetLedger();
	}

	@Bean
	BudgetGate budgetGate(BudgetLedger ledger, PriceMap prices, Clock clock) {
		return new BudgetGate(ledger, prices, clock);
	}

	@Bean(destroyMethod = "close")
	BudgetResetJob budgetResetJob(Database database, KeyInvalidation invalidation, Clock clock) {
		return new BudgetResetJob(database, invalidation, clock, Duration.ofMinutes(1));
	}

}
