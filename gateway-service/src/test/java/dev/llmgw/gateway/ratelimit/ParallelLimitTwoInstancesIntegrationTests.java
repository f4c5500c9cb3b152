package dev.llmgw.gateway.ratelimit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.TestGatewayConfig;
import dev.llmgw.gateway.support.GatewayPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * max_parallel_requests is a cap, counted where it matters: at the provider. Twenty
 * one-second calls fired at once through two instances never have more than the limit in
 * flight at the fake LLM, for a key's, a user's and a team's limit. (A refused request
 * used to give back a slot it never took, so 2 to 10 ran at once.)
 */
class ParallelLimitTwoInstancesIntegrationTests {

	private static final String MASTER = TestGatewayConfig.MASTER_KEY;

	private static GatewayPair pair;

	private static AdminClient a;

	private static AdminClient b;

	/**
	 * Limits fail open when Redis is slower than its timeout; on a busy test machine 250
	 * ms can run out, so these instances wait longer and only the cap is measured.
	 */
	@BeforeAll
	static void startTwoInstances() {
		pair = GatewayPair.start("--gateway.rate-limit-redis-timeout=3s");
		a = pair.a();
		b = pair.b();
	}

	@AfterAll
	static void stopTwoInstances() {
		if (pair != null) {
			pair.close();
		}
	}

	@Test
	void aKeysLimitCapsCallsInFlight() throws Exception {
		String key = a.post("/key/generate", MASTER, Map.of("max_parallel_requests", 2)).text("/key");
		assertCapped(key, "parallel-key", 2);
	}

	@Test
	void aUsersLimitCapsCallsInFlightAcrossTheirKeys() throws Exception {
		String user = a.post("/user/new", MASTER, Map.of("max_parallel_requests", 2)).text("/user_id");
		String key = a.post("/key/generate", MASTER, Map.of("user_id", user, "max_parallel_requests", 100))
			.text("/key");
		assertCapped(key, "parallel-user", 2);
	}

	@Test
	void aTeamsLimitCapsCallsInFlight() throws Exception {
		String team = a.post("/team/new", MASTER, Map.of("max_parallel_requests", 3)).text("/team_id");
		String key = a.post("/key/generate", MASTER, Map.of("team_id", team, "max_parallel_requests", 100))
			.text("/key");
		assertCapped(key, "parallel-team", 3);
	}

	private static void assertCapped(String key, String model, int limit) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(20);
		int ok = 0;
		int limited = 0;
		try {
			List<Future<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				AdminClient target = (i % 2 == 0) ? a : b;
				calls.add(pool.submit(() -> target.chat(key, model).status()));
			}
			for (Future<Integer> call : calls) {
				int status = call.get();
				ok += (status == 200) ? 1 : 0;
				limited += (status == 429) ? 1 : 0;
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(ok + limited).as("every call answered or refused as over the limit").isEqualTo(20);
		assertThat(ok).isBetween(1, 20 - 1);
		assertThat(maxInFlight(model + ";latency_ms=800")).as("the most calls of %s in flight at once", model)
			.isBetween(1L, (long) limit);
	}

	private static long maxInFlight(String model) throws Exception {
		HttpResponse<String> stats = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + FakeLlmServerProcess.shared().port() + "/fake/stats"))
				.build(), HttpResponse.BodyHandlers.ofString());
		return JsonMapper.builder().build().readTree(stats.body()).at("/max_in_flight_by_model").path(model).asLong();
	}

}
