package dev.llmgw.gateway.cache;

import java.nio.file.Path;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.DisposableRedis;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.llmgw.gateway.cache.NearCacheIntegrationTests.MASTER_KEY;
import static dev.llmgw.gateway.cache.NearCacheIntegrationTests.chatBody;
import static dev.llmgw.gateway.cache.NearCacheIntegrationTests.gateway;
import static dev.llmgw.gateway.cache.NearCacheIntegrationTests.isHit;
import static dev.llmgw.gateway.cache.NearCacheIntegrationTests.post;
import static dev.llmgw.gateway.cache.NearCacheIntegrationTests.redisReads;
import static dev.llmgw.gateway.cache.NearCacheIntegrationTests.tracking;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache without copies in memory: a Redis that refuses {@code CLIENT
 * TRACKING} (as a managed Redis may), and {@code near_cache: false}. Every hit then reads
 * Redis, and the cache works as before.
 */
class NearCacheOffIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path directory;

	@Test
	void aRedisThatWillNotTrackLeavesTheCacheWorkingWithoutCopies() throws Exception {
		try (DisposableRedis refusing = DisposableRedis.start(this.directory, "--user", "default", "on", "nopass", "~*",
				"&*", "+@all", "-client|tracking");
				ConfigurableApplicationContext gateway = gateway(this.directory, "refusing", refusing, "")) {
			String base = GatewayInstances.baseUrl(gateway);
			assertHitsReadRedisEachTime(base, refusing);
			assertThat(tracking(base)).isFalse();
		}
	}

	@Test
	void nearCacheFalseTurnsTheCopiesOff() throws Exception {
		try (DisposableRedis redis = DisposableRedis.start(this.directory);
				ConfigurableApplicationContext gateway = gateway(this.directory, "off", redis, "near_cache: false")) {
			String base = GatewayInstances.baseUrl(gateway);
			assertHitsReadRedisEachTime(base, redis);
			assertThat(
					JSON.readTree(new AdminClient(base).get("/cache/redis/info", MASTER_KEY).body()).has("near_cache"))
				.isFalse();
		}
	}

	private static void assertHitsReadRedisEachTime(String base, DisposableRedis store) throws Exception {
		String body = chatBody("uncopied " + UUID.randomUUID());
		assertThat(isHit(post(base, body))).isFalse();
		// time for tracking to come on, had it been going to
		Thread.sleep(500);
		assertThat(isHit(post(base, body))).isTrue();
		long reads = redisReads(store);
		for (int i = 0; i < 3; i++) {
			assertThat(isHit(post(base, body))).isTrue();
		}
		assertThat(redisReads(store) - reads).as("each hit a GET").isEqualTo(3);
	}

}
