package dev.llmgw.gateway.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.DisposableRedis;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.TestGatewayConfig;
import dev.llmgw.storage.DisposablePostgres;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL and Redis of this test's own die and come back under a running gateway.
 * Readiness tells each one's real state and fails only for the database; callers get 503s
 * in the OpenAI error shape, never 500s; keys already authenticated keep working past the
 * auth cache's time to live, and keys refused before the outage stay refused.
 */
class DependencyOutageIntegrationTests {

	private static final String MASTER = TestGatewayConfig.MASTER_KEY;

	private static final Duration CACHE_TTL = Duration.ofSeconds(2);

	private static final Duration STALE_IF_ERROR = Duration.ofSeconds(5);

	@TempDir
	Path dir;

	@Test
	// a guard against a hang: the outage scenario itself takes about 15 s once the
	// gateway is up, whose start takes longer on a busy machine
	@Timeout(120)
	void reportsAndSurvivesOutagesOfRedisAndTheDatabase() throws Exception {
		try (DisposablePostgres postgres = DisposablePostgres.start();
				DisposableRedis redis = DisposableRedis.start(this.dir)) {
			ConfigurableApplicationContext gateway = GatewayInstances.start("--gateway.data-dir=" + this.dir,
					"--gateway.database-url=" + postgres.newDatabase(), "--gateway.redis-host=127.0.0.1",
					"--gateway.redis-port=" + redis.port(), "--gateway.auth-cache-ttl=" + CACHE_TTL.toMillis() + "ms",
					"--gateway.auth-cache-stale-if-error=" + STALE_IF_ERROR.toMillis() + "ms");
			try {
				AdminClient api = new AdminClient(GatewayInstances.baseUrl(gateway));
				String known = api.post("/key/generate", MASTER, Map.of()).text("/key");
				String blocked = api.post("/key/generate", MASTER, Map.of()).text("/key");
				String deleted = api.post("/key/generate", MASTER, Map.of()).text("/key");
				String budgeted = api.post("/key/generate", MASTER, Map.of("max_budget", 10)).text("/key");
				assertThat(api.chat(known, "gpt-4o-mini").status()).isEqualTo(200);
				assertThat(api.chat(budgeted, "gpt-4o-mini").status()).isEqualTo(200);
				assertThat(api.chat(blocked, "gpt-4o-mini").status()).isEqualTo(200);
				assertThat(api.chat(deleted, "gpt-4o-mini").status()).isEqualTo(200);
				// revoked while the database is up: the invalidations drop the cached
				// entries
				assertThat(api.post("/key/block", MASTER, Map.of("key", blocked)).status()).isEqualTo(200);
				assertThat(api.post("/key/delete", MASTER, Map.of("keys", java.util.List.of(deleted))).status())
					.isEqualTo(200);
				assertThat(api.chat(blocked, "gpt-4o-mini").status()).isEqualTo(401);
				assertThat(api.chat(deleted, "gpt-4o-mini").status()).isEqualTo(401);

				JsonNode ready = readiness(api, 200);
				assertThat(ready.get("status").asString()).isEqualTo("connected");
				assertThat(ready.get("db").asString()).isEqualTo("connected");
				assertThat(ready.get("redis").asString()).isEqualTo("connected");
				assertThat(ready.get("cache").isNull())
					.as("no response cache without litellm_settings.cache, as LiteLLM reports it")
					.isTrue();
				assertThat(ready.has("litellm_version")).isTrue();
				assertThat(ready.get("success_callbacks").isArray()).isTrue();
				assertThat(ready.has("last_updated")).isTrue();

				redis.stop();
				long start = System.nanoTime();
				ready = readiness(api, 200);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a bounded PING")
					.isLessThan(Duration.ofSeconds(3));
				assertThat(ready.get("redis").asString()).as("the gateway survives Redis: degraded, still ready")
					.isEqualTo("unreachable");
				assertThat(ready.get("status").asString()).isEqualTo("degraded");
				assertThat(ready.get("db").asString()).isEqualTo("connected");
				assertThat(api.chat(known, "gpt-4o-mini").status()).isEqualTo(200);

				postgres.stop();
				ready = readiness(api, 503);
				assertThat(ready.get("db").asString()).isEqualTo("disconnected");
				assertThat(ready.get("redis").asString()).isEqualTo("unreachable");

				assertUnavailable(api.chat("sk-never-seen-before-0123", "gpt-4o-mini"), "an unknown key");
				// with neither Redis nor the database, a budget cannot be checked:
				// refused,
				// never admitted
				AdminClient.Reply unchecked = api.chat(budgeted, "gpt-4o-mini");
				assertThat(unchecked.status()).as(unchecked.body()).isEqualTo(503);
				assertThat(unchecked.json().at("/error/message").asString()).contains("Budgets cannot be checked");
				assertUnavailable(api.get("/key/info?key=" + known, MASTER), "an admin read");
				assertUnavailable(api.post("/key/generate", MASTER, Map.of()), "an admin write");

				Thread.sleep(CACHE_TTL.toMillis() + 500);
				for (int i = 0; i < 3; i++) {
					assertThat(api.chat(known, "gpt-4o-mini").status()).as("a known key past the cache's expiry")
						.isEqualTo(200);
				}
				assertThat(api.chat(blocked, "gpt-4o-mini").status()).as("a key blocked before the outage")
					.isEqualTo(401);
				assertThat(api.chat(deleted, "gpt-4o-mini").status()).as("a key deleted before the outage")
					.isIn(401, 503);
				// the key was last read from the database before it stopped: served no
				// longer than the bound past its time to live
				Thread.sleep(STALE_IF_ERROR.toMillis());
				assertUnavailable(api.chat(known, "gpt-4o-mini"), "a known key past the stale bound");

				postgres.restart();
				redis.restart();
				ready = eventually(() -> api.get("/health/readiness", MASTER),
						(reply) -> reply.status() == 200 && "connected".equals(reply.json().get("redis").asString()));
				assertThat(ready.get("status").asString()).isEqualTo("connected");
				assertThat(api.chat(known, "gpt-4o-mini").status()).isEqualTo(200);
				assertThat(api.chat("sk-never-seen-before-0123", "gpt-4o-mini").status()).isEqualTo(401);
				assertThat(api.chat(blocked, "gpt-4o-mini").status()).isEqualTo(401);
				assertThat(api.get("/key/info?key=" + known, MASTER).status()).isEqualTo(200);
				String fresh = api.post("/key/generate", MASTER, Map.of()).text("/key");
				assertThat(api.chat(fresh, "gpt-4o-mini").status()).isEqualTo(200);
			}
			finally {
				gateway.close();
			}
		}
	}

	private static JsonNode readiness(AdminClient api, int status) {
		Reply reply = api.get("/health/readiness", MASTER);
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		return reply.json();
	}

	private static void assertUnavailable(Reply reply, String what) {
		assertThat(reply.status()).as(what + ": " + reply.body()).isEqualTo(503);
		JsonNode error = reply.json().get("error");
		assertThat(error.get("type").asString()).isEqualTo("no_db_connection");
		assertThat(error.get("code").asString()).isEqualTo("503");
		assertThat(error.get("message").asString()).contains("database is temporarily unreachable");
	}

	private static JsonNode eventually(Supplier<Reply> call, java.util.function.Predicate<Reply> done)
			throws InterruptedException {
		Reply reply = call.get();
		for (int i = 0; i < 100 && !done.test(reply); i++) {
			Thread.sleep(100);
			reply = call.get();
		}
		assertThat(done.test(reply)).as(reply.body()).isTrue();
		return reply.json();
	}

}
