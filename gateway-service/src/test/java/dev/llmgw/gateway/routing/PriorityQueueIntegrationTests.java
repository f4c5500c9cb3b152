package dev.llmgw.gateway.routing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayHttp;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A saturated model group (one deployment, {@code max_parallel_requests: 1}) serves
 * waiting calls by {@code priority}, lower first, whatever their arrival order, and
 * refuses with a 429 a call that waited past its bound. router_settings'
 * {@code default_max_parallel_requests} and {@code default_priority} stand in for a
 * deployment's own limit and a request's own priority.
 */
class PriorityQueueIntegrationTests extends GatewayTestBase {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void waitingCallsAreServedInPriorityOrderNotArrivalOrder() throws Exception {
		List<String> finished = java.util.Collections.synchronizedList(new ArrayList<>());
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		// the first call takes the only slot for 600 ms; the others arrive while it runs
		calls.add(send("queued", null, "first", finished));
		Thread.sleep(100);
		calls.add(send("queued", 5, "p5", finished));
		Thread.sleep(30);
		calls.add(send("queued", 1, "p1", finished));
		Thread.sleep(30);
		calls.add(send("queued", 3, "p3", finished));
		for (CompletableFuture<HttpResponse<String>> call : calls) {
			HttpResponse<String> response = call.get();
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
		assertThat(finished).containsExactly("first", "p1", "p3", "p5");
	}

	@Test
	void aCallThatWaitsPastItsBoundIsRefusedWith429() throws Exception {
		List<String> finished = java.util.Collections.synchronizedList(new ArrayList<>());
		// each call holds the slot for 1.5 s and may wait 2 s: the second is let in after
		// about 1.2 s, the third would be let in only at about 3 s, past its bound
		CompletableFuture<HttpResponse<String>> first = send("queued-tight", null, "a", finished);
		Thread.sleep(300);
		CompletableFuture<HttpResponse<String>> second = send("queued-tight", null, "b", finished);
		Thread.sleep(300);
		CompletableFuture<HttpResponse<String>> third = send("queued-tight", null, "c", finished);
		assertThat(first.get().statusCode()).isEqualTo(200);
		assertThat(second.get().statusCode()).as("waited about 1.2 s of its 2").isEqualTo(200);
		HttpResponse<String> refused = third.get();
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("priority queue");
		assertThat(refused.headers().firstValue("retry-after")).isPresent();
	}

	@Test
	void theRoutersDefaultsLimitADeploymentWithoutItsOwnAndRankACallWithoutAPriority(@TempDir Path dir)
			throws Exception {
		// the fake counts calls by the model name it is sent: one of this run's own
		String model = "router-defaults-" + UUID.randomUUID().toString().substring(0, 8) + ";latency_ms=1200";
		try (ConfigurableApplicationContext gateway = oneGroup(dir, "limited-by-default", model, "",
				"default_max_parallel_requests: 1, default_priority: 2")) {
			String base = GatewayInstances.baseUrl(gateway);
			List<String> finished = java.util.Collections.synchronizedList(new ArrayList<>());
			List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
			calls.add(send(base, "limited-by-default", null, "first", finished));
			// the first call holds the only slot for 1.2 s; the others arrive while it
			// runs
			await().atMost(Duration.ofSeconds(10)).until(() -> GatewayHttp.fakeCalls(model) == 1);
			calls.add(send(base, "limited-by-default", 5, "p5", finished));
			calls.add(send(base, "limited-by-default", null, "unranked", finished));
			for (CompletableFuture<HttpResponse<String>> call : calls) {
				HttpResponse<String> response = call.get();
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			}
			assertThat(GatewayHttp.fakeStats().at("/max_in_flight_by_model").path(model).asLong())
				.as("default_max_parallel_requests: 1 for a deployment without max_parallel_requests")
				.isEqualTo(1);
			assertThat(finished).as("default_priority 2 puts the call without a priority ahead of priority 5")
				.containsExactly("first", "unranked", "p5");
		}
	}

	@Test
	void aCallWaitingToRetryHoldsNoSlot(@TempDir Path dir) throws Exception {
		// the first call to this group gets a 429 asking for 3 s; its retry waits them
		// out
		String id = UUID.randomUUID().toString().substring(0, 8);
		String model = "retry-wait-" + id + ";error=429;retry_after=3;fail_times=1;fail_key=retry-wait-" + id;
		try (ConfigurableApplicationContext gateway = oneGroup(dir, "one-slot", model, ", max_parallel_requests: 1",
				"num_retries: 1")) {
			String base = GatewayInstances.baseUrl(gateway);
			List<String> finished = java.util.Collections.synchronizedList(new ArrayList<>());
			CompletableFuture<HttpResponse<String>> waiting = send(base, "one-slot", null, "waiting", finished);
			await().atMost(Duration.ofSeconds(10)).until(() -> GatewayHttp.fakeCalls(model) == 1);
			long started = System.nanoTime();
			HttpResponse<String> other = send(base, "one-slot", null, "other", finished).get();
			assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - started))
				.as("let in while the first call waits for its retry, not after it")
				.isLessThan(Duration.ofMillis(2500));
			HttpResponse<String> retried = waiting.get();
			assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
			assertThat(retried.headers().firstValue("x-litellm-attempted-retries")).hasValue("1");
			assertThat(finished).containsExactly("other", "waiting");
		}
	}

	/**
	 * A gateway of its own with one group of one deployment on the fake.
	 * @param params more of the deployment's litellm_params, each after a comma
	 * @param router the router_settings, as a flow mapping's entries
	 */
	private static ConfigurableApplicationContext oneGroup(Path dir, String group, String model, String params,
			String router) throws Exception {
		Path config = Files.writeString(dir.resolve("config.yaml"), """
				model_list:
				  - model_name: %s
				    litellm_params: {model: "openai/%s", api_base: "%s", api_key: k%s}
				router_settings: {%s}
				general_settings:
				  master_key: %s
				""".formatted(group, model, FakeLlmServerProcess.shared().baseUrl(), params, router, MASTER_KEY));
		return GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + dir.resolve("data"));
	}

	private CompletableFuture<HttpResponse<String>> send(String model, Integer priority, String name,
			List<String> finished) {
		return send(url(""), model, priority, name, finished);
	}

	private static CompletableFuture<HttpResponse<String>> send(String base, String model, Integer priority,
			String name, List<String> finished) {
		String body = "{\"model\":\"" + model + "\"" + ((priority != null) ? ",\"priority\":" + priority : "")
				+ ",\"messages\":[{\"role\":\"user\",\"content\":\"" + name + "\"}]}";
		return HTTP
			.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
				.timeout(Duration.ofSeconds(20))
				.header("Authorization", "Bearer " + MASTER_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString())
			.whenComplete((response, error) -> finished.add(name));
	}

}
