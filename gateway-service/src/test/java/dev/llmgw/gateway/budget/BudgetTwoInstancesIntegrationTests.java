package dev.llmgw.gateway.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.TestGatewayConfig;
import dev.llmgw.gateway.support.TwoGatewaysTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A budget holds under concurrent load across instances: a key with budget for about five
 * calls, 50 requests fired at once at two gateways sharing PostgreSQL and Redis. Its
 * final spend exceeds the budget by at most one call's cost.
 */
class BudgetTwoInstancesIntegrationTests extends TwoGatewaysTestBase {

	@Test
	void fiftyConcurrentCallsDoNotSpendPastTheBudget() throws Exception {
		assertHeld("gpt-4o-mini", "hello there", BudgetIntegrationTests.CALL);
	}

	/**
	 * A prompt of 2,000 one-letter words is 2,000 tokens; reserved at four characters a
	 * token it was reserved at half its cost, and 50 concurrent calls spent twice the
	 * budget.
	 */
	@Test
	void promptsBuiltToUndercutTheEstimateDoNotSpendPastTheBudget() throws Exception {
		// a model that answers one word, as a provider holding to max_tokens would
		assertHeld("priced-terse", "a ".repeat(2_000).trim(), 2_000 * 1.5e-7 + 1 * 6e-7);
	}

	private static void assertHeld(String model, String prompt, double callCost) throws Exception {
		double budget = 5 * callCost;
		String key = a
			.post("/key/generate", TestGatewayConfig.MASTER_KEY,
					Map.of("max_budget", budget, "max_parallel_requests", 100))
			.text("/key");
		Map<String, Object> body = Map.of("model", model, "max_tokens", 5, "messages",
				List.of(Map.of("role", "user", "content", prompt)));
		ExecutorService pool = Executors.newFixedThreadPool(25);
		int ok = 0;
		int overBudget = 0;
		try {
			List<Future<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				AdminClient target = (i % 2 == 0) ? a : b;
				calls.add(pool.submit(() -> target.post("/v1/chat/completions", key, body).status()));
			}
			for (Future<Integer> call : calls) {
				int status = call.get();
				ok += (status == 200) ? 1 : 0;
				overBudget += (status == 400) ? 1 : 0;
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(ok + overBudget).isEqualTo(50);
		assertThat(ok).isBetween(1, 6);
		double spend = 0;
		for (int i = 0; i < 50; i++) {
			spend = a.get("/key/info?key=" + key, TestGatewayConfig.MASTER_KEY).json().at("/info/spend").asDouble();
			if (Math.abs(spend - ok * callCost) < 1e-12) {
				break;
			}
			Thread.sleep(100);
		}
		assertThat(spend).as("every admitted call is charged once")
			.isCloseTo(ok * callCost, org.assertj.core.api.Assertions.within(1e-9));
		assertThat(spend).as("at most one call past the budget").isLessThanOrEqualTo(budget + callCost + 1e-12);
	}

}
