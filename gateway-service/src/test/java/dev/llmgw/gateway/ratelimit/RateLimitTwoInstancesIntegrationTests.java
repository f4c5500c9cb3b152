package dev.llmgw.gateway.ratelimit;

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
 * Limits hold exactly across instances: two gateways sharing PostgreSQL and Redis, a key
 * with rpm_limit 10, and 40 requests fired in parallel at both: exactly 10 succeed.
 */
class RateLimitTwoInstancesIntegrationTests extends TwoGatewaysTestBase {

	@Test
	void fortyParallelRequestsOverTwoInstancesGiveExactlyTenSuccesses() throws Exception {
		String key = a
			.post("/key/generate", TestGatewayConfig.MASTER_KEY, Map.of("rpm_limit", 10, "max_parallel_requests", 100))
			.text("/key");
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				AdminClient target = (i % 2 == 0) ? a : b;
				calls.add(pool.submit(() -> target.chat(key, "gpt-4o-mini").status()));
			}
			int ok = 0;
			int limited = 0;
			for (Future<Integer> call : calls) {
				int status = call.get();
				ok += (status == 200) ? 1 : 0;
				limited += (status == 429) ? 1 : 0;
			}
			assertThat(ok).isEqualTo(10);
			assertThat(limited).isEqualTo(30);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
