package dev.llmgw.gateway.cache;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.DisposableRedis;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayHttp;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copies of Redis entries each instance keeps in memory: two instances on one Redis
 * of the test's own, whose {@code INFO commandstats} tell whether a hit went to Redis. A
 * copy must end as soon as its entry changes anywhere (a delete on the other instance, a
 * write or a {@code FLUSHALL} from outside), and no copy may outlive the connection that
 * hears of such changes. (A Redis that will not track, and {@code near_cache:
 * false}: {@link NearCacheOffIntegrationTests}, whose instances start and stop alone:
 * closing a third instance in this class left the first two unreachable.)
 */
class NearCacheIntegrationTests {

	static final String MASTER_KEY = "sk-near-master-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	/** How long an invalidation may take to reach the other instance. */
	private static final Duration PROMPTLY = Duration.ofMillis(500);

	@TempDir
	static Path directory;

	static DisposableRedis redis;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	@BeforeAll
	static void start() throws IOException {
		redis = DisposableRedis.start(directory);
		first = gateway(directory, "first", redis, "");
		second = gateway(directory, "second", redis, "");
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { first, second, redis }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// the others still close
			}
		}
	}

	@Test
	void aRepeatedHitIsAnsweredFromMemoryWithoutAskingRedis() throws Exception {
		String body = chatBody("near " + UUID.randomUUID());
		String base = GatewayInstances.baseUrl(first);
		assertThat(isHit(post(base, body))).isFalse();
		awaitTracking(base);
		assertThat(isHit(post(base, body))).as("the first hit reads Redis and keeps a copy").isTrue();
		long reads = redisReads(redis);
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> hit = post(base, body);
			assertThat(isHit(hit)).isTrue();
			assertThat(GatewayHttp.spendLog(base, MASTER_KEY, hit).path("cache_hit").asString()).isEqualTo("True");
		}
		assertThat(redisReads(redis)).as("five hits, no GET").isEqualTo(reads);
		JsonNode near = JSON.readTree(new AdminClient(base).get("/cache/redis/info", MASTER_KEY).body())
			.path("near_cache");
		assertThat(near.path("tracking").asBoolean()).isTrue();
		assertThat(near.path("entries").asInt()).isPositive();
	}

	@Test
	void aDeleteOnTheOtherInstanceEndsTheCopyAtOnce() throws Exception {
		String body = chatBody("deleted elsewhere " + UUID.randomUUID());
		String here = GatewayInstances.baseUrl(first);
		String key = copied(here, body);
		AdminClient.Reply deleted = new AdminClient(GatewayInstances.baseUrl(second)).post("/cache/delete", MASTER_KEY,
				Map.of("keys", List.of(key)));
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(within(PROMPTLY, () -> !isHit(post(here, body)))).as("the copy went with the entry").isTrue();
	}

	@Test
	void aValueWrittenFromOutsideIsReadAgain() throws Exception {
		String body = chatBody("rewritten " + UUID.randomUUID());
		String here = GatewayInstances.baseUrl(first);
		String key = copied(here, body);
		String json = "{\"id\":\"rewritten\",\"object\":\"chat.completion\",\"choices\":[]}";
		redis.cli("SET", RedisCacheStore.PREFIX + key, new CacheEntry(System.currentTimeMillis(), 1, 1, json).encode(),
				"EX", "600");
		assertThat(within(PROMPTLY, () -> post(here, body).body().contains("\"rewritten\"")))
			.as("the new value, not the copy")
			.isTrue();
	}

	@Test
	void aFlushallFromOutsideDropsEveryCopy() throws Exception {
		String body = chatBody("flushed " + UUID.randomUUID());
		String here = GatewayInstances.baseUrl(first);
		copied(here, body);
		redis.cli("FLUSHALL");
		assertThat(within(PROMPTLY, () -> !isHit(post(here, body)))).isTrue();
	}

	@Test
	void noCopyOutlivesItsTrackingConnection() throws Exception {
		String body = chatBody("reconnected " + UUID.randomUUID());
		String here = GatewayInstances.baseUrl(first);
		String key = copied(here, body);
		// every client's connection dropped (Lettuce reconnects at once), then the entry
		// changed, perhaps before this instance heard again
		redis.cli("CLIENT", "KILL", "TYPE", "normal");
		String json = "{\"id\":\"changed-while-away\",\"object\":\"chat.completion\",\"choices\":[]}";
		redis.cli("SET", RedisCacheStore.PREFIX + key, new CacheEntry(System.currentTimeMillis(), 1, 1, json).encode(),
				"EX", "600");
		awaitTracking(here);
		assertThat(post(here, body).body()).as("the copy went with its connection").contains("changed-while-away");
		long reads = redisReads(redis);
		assertThat(post(here, body).body()).contains("changed-while-away");
		assertThat(redisReads(redis)).as("copies kept again after the reconnection").isEqualTo(reads);
	}

	@Test
	void whileRedisIsDownNoCopyIsServedAndCopiesComeBackWithIt() throws Exception {
		String body = chatBody("redis down " + UUID.randomUUID());
		String here = GatewayInstances.baseUrl(first);
		copied(here, body);
		redis.stop();
		try {
			// at once, not after the heartbeat's second: entries may be changing in a
			// Redis this instance no longer hears from
			assertThat(within(Duration.ofMillis(200), () -> !isHit(post(here, body))))
				.as("copies dropped with the connection")
				.isTrue();
		}
		finally {
			redis.restart();
		}
		awaitTracking(here);
		copied(here, body);
	}

	/**
	 * An entry stored by the instance at {@code base} and read there once since tracking
	 * began, so that it holds a copy.
	 */
	private static String copied(String base, String body) throws Exception {
		assertThat(isHit(post(base, body))).isFalse();
		awaitTracking(base);
		HttpResponse<String> hit = post(base, body);
		assertThat(isHit(hit)).isTrue();
		long reads = redisReads(redis);
		assertThat(isHit(post(base, body))).isTrue();
		assertThat(redisReads(redis)).as("answered from the copy").isEqualTo(reads);
		return hit.headers().firstValue(ResponseCache.KEY_HEADER).orElseThrow();
	}

	private static void awaitTracking(String base) throws Exception {
		assertThat(within(Duration.ofSeconds(10), () -> tracking(base))).as("tracking on").isTrue();
	}

	static boolean tracking(String base) {
		AdminClient.Reply info = new AdminClient(base).get("/cache/redis/info", MASTER_KEY);
		return info.status() == 200 && info.json().at("/near_cache/tracking").asBoolean();
	}

	static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (true) {
			if (condition.getAsBoolean()) {
				return true;
			}
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(20);
		}
	}

	static ConfigurableApplicationContext gateway(Path directory, String name, DisposableRedis store, String more)
			throws IOException {
		Path config = directory.resolve(name + ".yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: cached
				    litellm_params: {model: "openai/near-%2$s", api_base: "%1$s", api_key: k}
				litellm_settings:
				  cache: true
				  cache_params:
				    type: redis
				    host: 127.0.0.1
				    port: %3$d
				    ttl: 600
				    %5$s
				general_settings:
				  master_key: %4$s
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), RUN, store.port(), MASTER_KEY, more));
		return GatewayInstances.startWithConfig(config,
				"--gateway.data-dir=" + directory.resolve("data-" + name).toString());
	}

	/** The GETs Redis has served since it started. */
	static long redisReads(DisposableRedis store) throws Exception {
		for (String line : store.cli("INFO", "commandstats").split("\r?\n")) {
			if (line.startsWith("cmdstat_get:")) {
				String calls = line.substring(line.indexOf("calls=") + 6);
				return Long.parseLong(calls.substring(0, calls.indexOf(',')));
			}
		}
		return 0;
	}

	static boolean isHit(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.headers().firstValue(ResponseCache.KEY_HEADER).isPresent();
	}

	static String chatBody(String question) {
		return "{\"model\":\"cached\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
	}

	static HttpResponse<String> post(String base, String body) {
		return GatewayHttp.post(base, MASTER_KEY, "/v1/chat/completions", body);
	}

}
