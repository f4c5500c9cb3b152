package dev.llmgw.gateway.cache;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.DisposableRedis;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayHttp;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache on a Redis cluster of three nodes of the test's own
 * ({@code redis_startup_nodes}): entries land on every node's slots, hits are read back
 * from whichever node holds them, and the admin routes act across the cluster.
 */
class RedisClusterCacheIntegrationTests {

	private static final String MASTER_KEY = "sk-cluster-cache-master-01";

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@TempDir
	static Path directory;

	static final List<DisposableRedis> nodes = new ArrayList<>();

	static ConfigurableApplicationContext gateway;

	@BeforeAll
	static void start() throws Exception {
		for (int i = 0; i < 3; i++) {
			nodes.add(DisposableRedis.startClusterNode(directory));
		}
		List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
		nodes.forEach((node) -> create.add("127.0.0.1:" + node.port()));
		create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		Process cli = new ProcessBuilder(create).redirectErrorStream(true).start();
		String output = new String(cli.getInputStream().readAllBytes());
		assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(cli.exitValue()).as(output).isZero();
		awaitClusterOk();
		StringBuilder startupNodes = new StringBuilder();
		for (DisposableRedis node : nodes) {
			startupNodes.append(startupNodes.isEmpty() ? "" : ", ")
				.append("{host: 127.0.0.1, port: ")
				.append(node.port())
				.append("}");
		}
		Path config = directory.resolve("config.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: chat
				    litellm_params: {model: "openai/cluster-cache", api_base: "%1$s", api_key: k}
				litellm_settings:
				  cache: true
				  cache_params:
				    type: redis
				    redis_startup_nodes: [%2$s]
				general_settings:
				  master_key: %3$s
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), startupNodes, MASTER_KEY));
		gateway = GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + directory.resolve("data"));
		// the cluster connection is made in the background at start; on a busy machine
		// the
		// first calls could otherwise go on without the cache
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (GatewayHttp.get(GatewayInstances.baseUrl(gateway), MASTER_KEY, "/cache/ping").statusCode() != 200
				&& System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
		nodes.forEach(DisposableRedis::close);
	}

	@Test
	void entriesAreSpreadOverTheNodesHitFromWhereverTheyAreAndFlushedFromAll() throws Exception {
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String body = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"cluster " + i + " "
					+ UUID.randomUUID() + "\"}]}";
			bodies.add(body);
			assertThat(post(body).statusCode()).isEqualTo(200);
		}
		List<String> keys = new ArrayList<>();
		for (String body : bodies) {
			HttpResponse<String> again = post(body);
			assertThat(again.statusCode()).isEqualTo(200);
			keys.add(again.headers().firstValue(ResponseCache.KEY_HEADER).orElseThrow());
		}
		int nodesHolding = 0;
		for (DisposableRedis node : nodes) {
			nodesHolding += (Integer.parseInt(cli(node, "DBSIZE")) > 0) ? 1 : 0;
		}
		assertThat(nodesHolding).as("twelve keys over three nodes' slots").isGreaterThan(1);

		AdminClient api = new AdminClient(GatewayInstances.baseUrl(gateway));
		assertThat(api.get("/cache/ping", MASTER_KEY).status()).isEqualTo(200);
		assertThat(api.post("/cache/delete", MASTER_KEY, Map.of("keys", keys.subList(0, 3))).status()).isEqualTo(200);
		assertThat(post(bodies.get(0)).headers().firstValue(ResponseCache.KEY_HEADER)).isEmpty();
		assertThat(post(bodies.get(5)).headers().firstValue(ResponseCache.KEY_HEADER)).isPresent();
		assertThat(api.post("/cache/flushall", MASTER_KEY, Map.of()).status()).isEqualTo(200);
		for (DisposableRedis node : nodes) {
			assertThat(cli(node, "DBSIZE")).isEqualTo("0");
		}
	}

	private static HttpResponse<String> post(String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(GatewayInstances.baseUrl(gateway) + "/v1/chat/completions"))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void awaitClusterOk() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			boolean ok = true;
			for (DisposableRedis node : nodes) {
				ok &= cli(node, "CLUSTER", "INFO").contains("cluster_state:ok");
			}
			if (ok) {
				return;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("the test's Redis cluster did not come up");
	}

	private static String cli(DisposableRedis node, String... command) throws Exception {
		List<String> args = new ArrayList<>(
				List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(node.port())));
		args.addAll(List.of(command));
		Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes()).trim();
		process.waitFor(10, TimeUnit.SECONDS);
		return out;
	}

}
