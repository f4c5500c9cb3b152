package dev.llmgw.gateway.ratelimit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.TestGatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis dies and comes back under a running gateway: this test's own redis-server, on a
 * free port. While it is gone, rate limits fail open (requests go on, promptly); when it
 * returns, the gateway reconnects by itself and limits hold again.
 */
class RedisFaultIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void limitsFailOpenAndBudgetsHoldWhileRedisIsDown() throws Exception {
		int port = freePort();
		Process redis = startRedis(port);
		ConfigurableApplicationContext gateway = GatewayInstances.start("--gateway.data-dir=" + this.dir,
				"--gateway.redis-host=127.0.0.1", "--gateway.redis-port=" + port);
		try {
			AdminClient api = new AdminClient(GatewayInstances.baseUrl(gateway));
			String key = api.post("/key/generate", TestGatewayConfig.MASTER_KEY, Map.of("rpm_limit", 2)).text("/key");
			assertThat(api.chat(key, "gpt-4o-mini").status()).isEqualTo(200);
			assertThat(api.chat(key, "gpt-4o-mini").status()).isEqualTo(200);
			assertThat(api.chat(key, "gpt-4o-mini").status()).as("enforced through Redis").isEqualTo(429);

			redis.destroy();
			assertThat(redis.waitFor(10, TimeUnit.SECONDS)).isTrue();
			for (int i = 0; i < 5; i++) {
				long start = System.nanoTime();
				assertThat(api.chat(key, "gpt-4o-mini").status()).as("fails open").isEqualTo(200);
				assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("without waiting long")
					.isLessThan(2000);
			}

			assertThat(api.get("/health/readiness", TestGatewayConfig.MASTER_KEY)
				.json()
				.get("rate_limit_fail_open")
				.asLong()).as("the warning figure").isGreaterThanOrEqualTo(5);
			// budgets do not fail open: this instance keeps counting them itself
			String budgeted = api
				.post("/key/generate", TestGatewayConfig.MASTER_KEY,
						Map.of("max_budget", 2.5 * (2 * 1.5e-7 + 4 * 6e-7)))
				.text("/key");
			Map<String, Object> hello = Map.of("model", "gpt-4o-mini", "max_tokens", 5, "messages",
					java.util.List.of(Map.of("role", "user", "content", "hello there")));
			int admitted = 0;
			int status = 200;
			for (int i = 0; i < 10 && status == 200; i++) {
				status = api.post("/v1/chat/completions", budgeted, hello).status();
				admitted += (status == 200) ? 1 : 0;
			}
			assertThat(status).as("over budget without Redis").isEqualTo(400);
			assertThat(admitted).isBetween(2, 3);

			redis = startRedis(port);
			int limitedAfter = -1;
			for (int i = 0; i < 100 && limitedAfter < 0; i++) {
				if (api.chat(key, "gpt-4o-mini").status() == 429) {
					limitedAfter = i;
				}
				Thread.sleep(100);
			}
			assertThat(limitedAfter).as("limits hold again once Redis is back").isNotNegative();
		}
		finally {
			gateway.close();
			redis.destroy();
			redis.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private Process startRedis(int port) throws Exception {
		Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", this.dir.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("redis-" + port + ".log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
				return process;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException(
				"redis-server did not start: " + Files.readString(this.dir.resolve("redis-" + port + ".log")));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
