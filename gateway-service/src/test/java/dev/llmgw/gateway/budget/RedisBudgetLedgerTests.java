package dev.llmgw.gateway.budget;

import java.time.Duration;

import dev.llmgw.gateway.redis.SharedRedis;
import dev.llmgw.gateway.support.ExternalServices;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The budget scripts (resources/scripts/budget_*.lua) against a real Redis. */
class RedisBudgetLedgerTests extends BudgetLedgerContractTests {

	private static SharedRedis redis;

	private static RedisBudgetLedger ledger;

	@BeforeAll
	static void connect() {
		redis = new SharedRedis(RedisURI.create(ExternalServices.redisHost(), ExternalServices.redisPort()),
				Duration.ofSeconds(2));
		ledger = new RedisBudgetLedger(redis, Duration.ofSeconds(2), BudgetSeeds.FROM_CHECK, PendingSpend.NONE);
	}

	@AfterAll
	static void close() {
		redis.close();
	}

	@Override
	BudgetLedger ledger() {
		return ledger;
	}

}
