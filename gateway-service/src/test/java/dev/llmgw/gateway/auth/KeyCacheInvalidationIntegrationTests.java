package dev.llmgw.gateway.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.support.TestGatewayConfig;
import dev.llmgw.gateway.support.TwoGatewaysTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances sharing one PostgreSQL database and one Redis, as in a
 * deployment: a key deleted, blocked or restricted through one instance stops working on
 * the other within a second, although the other had it cached (the cache's own time to
 * live here is an hour, so only the announcement can explain it).
 */
class KeyCacheInvalidationIntegrationTests extends TwoGatewaysTestBase {

	private static final String MASTER = TestGatewayConfig.MASTER_KEY;

	@Test
	void deletingAKeyOnOneInstanceRefusesItOnTheOtherWithinASecond() throws InterruptedException {
		String key = a.post("/key/generate", MASTER, Map.of()).text("/key");
		assertThat(b.chat(key, "gpt-4o-mini").status()).as("B caches the key").isEqualTo(200);
		assertThat(a.post("/key/delete", MASTER, Map.of("keys", List.of(key))).status()).isEqualTo(200);
		assertThat(refusedWithinASecond(key, "gpt-4o-mini")).isTrue();
	}

	@Test
	void blockingAndRestrictingReachTheOtherInstance() throws InterruptedException {
		String key = a.post("/key/generate", MASTER, Map.of()).text("/key");
		assertThat(b.chat(key, "gpt-4o").status()).isEqualTo(200);
		a.post("/key/update", MASTER, Map.of("key", key, "models", List.of("gpt-4o-mini")));
		assertThat(refusedWithinASecond(key, "gpt-4o")).isTrue();
		assertThat(b.chat(key, "gpt-4o-mini").status()).isEqualTo(200);
		a.post("/key/block", MASTER, Map.of("key", key));
		assertThat(refusedWithinASecond(key, "gpt-4o-mini")).isTrue();
	}

	private static boolean refusedWithinASecond(String key, String model) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
		while (System.nanoTime() < deadline) {
			if (b.chat(key, model).status() == 401) {
				return true;
			}
			Thread.sleep(20);
		}
		return false;
	}

}
