package dev.llmgw.gateway.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.gateway.config.LitellmSettings;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.redis.SharedRedis;
import dev.llmgw.gateway.redis.SharedRedisProvider;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.storage.Database;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Budgets in Redis when it is configured (several instances), else in process (one
 * instance).
 */
@Configuration(proxyBeanMethods = false)
public class BudgetConfiguration {

	/**
	 * Budgets wait a second for Redis, then hold from the database; once one wait has run
	 * out, the shared connection answers at once until Redis does again, so a frozen
	 * Redis does not add a second to every call.
	 */
	@Bean
	BudgetLedger budgetLedger(SharedRedisProvider redis, Database database, PendingSpend pending,
			GatewayProperties properties) {
		SharedRedis shared = redis.get();
		return (shared != null)
				? new RedisBudgetLedger(shared, Duration.ofSeconds(1), new DatabaseBudgetSeeds(database), pending)
				: new LocalBudgetLedger();
	}

	@Bean
	EndUsers endUsers(RowStore rows, GatewayProperties properties, GatewayConfig config) {
		Map<String, Object> settings = config.litellmSettings().raw();
		Object defaultMax = settings.get("max_end_user_budget");
		Object defaultBudgetId = settings.get("max_end_user_budget_id");
		return new EndUsers(rows, properties.authCacheTtl(),
				(defaultMax instanceof Number number) ? number.doubleValue() : null,
				(defaultBudgetId != null) ? defaultBudgetId.toString() : null);
	}

	@Bean
	ProxyBudget proxyBudget(GatewayConfig config, Database database, Clock clock) {
		LitellmSettings settings = config.litellmSettings();
		OffsetDateTime now = OffsetDateTime.now(clock);
		double spend = 0;
		if (settings.maxBudget() != null) {
			OffsetDateTime start = ProxyBudget.periodStart(settings.budgetDuration(), now, settings.budgetZone());
			spend = database
				.one((client) -> client
					.sql("SELECT COALESCE(SUM(spend), 0) AS total FROM spend_logs WHERE start_time >= :start")
					.bind("start", start)
					.map((row) -> ((Number) row.get("total")).doubleValue())
					.first())
				.blockOptional(Duration.ofSeconds(30))
				.orElse(0.0);
		}
		return new ProxyBudget(settings.maxBudget(), settings.budgetDuration(), spend, now, settings.budgetZone());
	}

	@Bean
	BudgetGate budgetGate(PriceMap prices, Clock clock, EndUsers endUsers, ProxyBudget proxy, GatewayConfig config) {
		// budgets' periods end at midnights of litellm_settings.timezone
		return new BudgetGate(prices, clock.withZone(config.litellmSettings().budgetZone()), endUsers, proxy);
	}

	@Bean(destroyMethod = "close")
	BudgetResetJob budgetResetJob(Database database, KeyInvalidation invalidation, Clock clock, GatewayConfig config) {
		return new BudgetResetJob(database, invalidation, clock.withZone(config.litellmSettings().budgetZone()),
				Duration.ofMinutes(1));
	}

}
