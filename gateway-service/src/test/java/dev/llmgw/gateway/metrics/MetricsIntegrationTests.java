package dev.llmgw.gateway.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayHttp;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.metrics.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code /metrics} read as Prometheus reads it (a strict parser of the text format) after
 * real calls: each of LiteLLM's families moves by exactly the calls made, with LiteLLM's
 * labels, and no key appears in it. A second gateway shows the access settings.
 */
class MetricsIntegrationTests {

	private static final String MASTER_KEY = "sk-metrics-master-0123";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** This run's model names at the fake, whose counts are per name. */
	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@TempDir
	static Path directory;

	static ConfigurableApplicationContext gateway;

	static ConfigurableApplicationContext adminOnly;

	static String base;

	@BeforeAll
	static void start() throws Exception {
		String fake = FakeLlmServerProcess.shared().baseUrl();
		Path config = directory.resolve("config.yaml");
		Files.writeString(config,
				"""
						model_list:
						  - model_name: chat
						    litellm_params: {model: "openai/metrics-chat", api_base: "%1$s", api_key: k}
						    model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000002}
						  - model_name: broken
						    litellm_params: {model: "openai/metrics-broken;error=500", api_base: "%1$s", api_key: k, rpm: 1000, tpm: 500000}
						  - model_name: guarded
						    litellm_params: {model: "openai/metrics-guarded", api_base: "%1$s", api_key: k}
						  - model_name: pair
						    litellm_params: {model: "openai/metrics-pair-429-%3$s;error=429", api_base: "%1$s", api_key: k}
						  - model_name: pair
						    litellm_params: {model: "openai/metrics-pair-ok-%3$s", api_base: "%1$s", api_key: k}
						  - model_name: headroom
						    litellm_params: {model: "openai/metrics-headroom-%3$s", api_base: "%1$s", api_key: k}
						router_settings:
						  num_retries: 0
						  fallbacks: [{"broken": ["chat"]}]
						guardrails:
						  - guardrail_name: words
						    litellm_params:
						      guardrail: litellm_content_filter
						      mode: pre_call
						      default_on: false
						      blocked_words: [{keyword: forbidden, action: BLOCK}]
						litellm_settings:
						  cache: true
						  cache_params: {type: local, mode: default_off}
						general_settings:
						  master_key: %2$s
						"""
					.formatted(fake, MASTER_KEY, RUN));
		gateway = GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + directory.resolve("a"));
		base = GatewayInstances.baseUrl(gateway);
		Path adminConfig = directory.resolve("admin.yaml");
		Files.writeString(adminConfig, """
				model_list:
				  - model_name: chat
				    litellm_params: {model: "openai/metrics-chat", api_base: "%1$s", api_key: k}
				litellm_settings:
				  require_auth_for_metrics_endpoint: admin
				  enable_end_user_cost_tracking_prometheus_only: true
				  prometheus_latency_buckets: [0.5, 1, 2]
				general_settings:
				  master_key: %2$s
				""".formatted(fake, MASTER_KEY));
		// this one on Redis, for Lettuce's command meters
		adminOnly = GatewayInstances.startWithConfig(adminConfig, "--gateway.data-dir=" + directory.resolve("b"),
				"--gateway.redis-host=" + ExternalServices.redisHost(),
				"--gateway.redis-port=" + ExternalServices.redisPort());
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
		if (adminOnly != null) {
			adminOnly.close();
		}
	}

	@Test
	void callsMoveLitellmsFamiliesByExactlyTheCallsMade() throws Exception {
		AdminClient admin = new AdminClient(base);
		String teamAlias = "metrics-team-" + UUID.randomUUID();
		String team = admin.post("/team/new", MASTER_KEY, Map.of("team_alias", teamAlias)).text("/team_id");
		String alias = "metrics-key-" + UUID.randomUUID();
		String key = admin.post("/key/generate", MASTER_KEY, Map.of("key_alias", alias, "team_id", team)).text("/key");
		String hash = KeyHashes.sha256Hex(key);
		Predicate<Map<String, String>> mine = (labels) -> hash.equals(labels.get("hashed_api_key"));

		long prompt = 0;
		long completion = 0;
		double cost = 0;
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> call = GatewayHttp.post(base, key, "/v1/chat/completions", chat("chat", "hello " + i));
			assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
			JsonNode usage = JSON.readTree(call.body()).path("usage");
			prompt += usage.path("prompt_tokens").asLong();
			completion += usage.path("completion_tokens").asLong();
			cost += Double.parseDouble(call.headers().firstValue("x-litellm-response-cost").orElse("0"));
		}
		PrometheusText metrics = scrapeAfter(base, key, mine, 3);

		Predicate<Map<String, String>> ok = mine.and((l) -> "200".equals(l.get("status_code")));
		assertThat(metrics.sum("litellm_proxy_total_requests_metric_total", ok)).isEqualTo(3);
		PrometheusText.Sample request = metrics.samples("litellm_proxy_total_requests_metric_total", ok).get(0);
		assertThat(request.labels()).containsEntry("api_key_alias", alias)
			.containsEntry("team", team)
			.containsEntry("team_alias", teamAlias)
			.containsEntry("requested_model", "chat")
			.containsEntry("end_user", "None")
			.containsEntry("route", "/v1/chat/completions")
			.containsKeys("user", "user_email", "client_ip", "user_agent", "model_id");
		assertThat(metrics.family("litellm_proxy_total_requests_metric_total").type()).isEqualTo("counter");
		assertThat(metrics.family("litellm_proxy_total_requests_metric_total").help())
			.isEqualTo("Total number of requests made to the proxy server - track number of client side requests");
		assertThat(metrics.sum("litellm_input_tokens_metric_total", mine)).isEqualTo(prompt);
		assertThat(metrics.sum("litellm_output_tokens_metric_total", mine)).isEqualTo(completion);
		assertThat(metrics.sum("litellm_total_tokens_metric_total", mine)).isEqualTo(prompt + completion);
		assertThat(metrics.sum("litellm_spend_metric_total", mine)).isCloseTo(cost, within(1e-9));
		assertThat(metrics.sum("litellm_request_total_latency_metric_count", mine)).isEqualTo(3);
		assertThat(metrics.sum("litellm_llm_api_latency_metric_count", mine)).isEqualTo(3);
		assertThat(metrics.family("litellm_request_total_latency_metric").type()).isEqualTo("histogram");
		assertThat(metrics.samples("litellm_request_total_latency_metric_bucket", mine)
			.stream()
			.map((s) -> s.label("le"))
			.distinct()).as("LiteLLM's LATENCY_BUCKETS")
			.containsExactly("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.0", "5.0", "10.0",
					"30.0", "60.0", "120.0", "300.0", "420.0", "600.0", "+Inf");
		assertThat(metrics.sum("litellm_deployment_success_responses_total", mine)).isEqualTo(3);
		assertThat(metrics.sum("litellm_deployment_total_requests_total", mine)).isEqualTo(3);
		assertThat(metrics.samples("litellm_deployment_success_responses_total", mine).get(0).labels())
			.containsEntry("litellm_model_name", "openai/metrics-chat")
			.containsEntry("api_provider", "openai");
		assertThat(metrics.sum("litellm_proxy_failed_requests_metric_total", mine)).isZero();
		assertThat(metrics.sum("litellm_requests_metric_total", mine)).as("LiteLLM's deprecated counter, successes")
			.isEqualTo(3);
		assertThat(metrics.sum("litellm_in_flight_requests", (l) -> true)).as("the scrape itself").isEqualTo(1);
		assertThat(metrics.sum("litellm_llm_api_time_to_first_token_metric_count", mine))
			.as("no stream yet: LiteLLM measures streams alone")
			.isZero();

		HttpResponse<String> stream = GatewayHttp.post(base, key, "/v1/chat/completions",
				"{\"model\":\"chat\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"s\"}]}");
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(scrapeAfter(base, key, mine, 4).sum("litellm_llm_api_time_to_first_token_metric_count", mine))
			.isEqualTo(1);

		String text = raw(base, key).body();
		assertThat(text).as("no key in any label").doesNotContain(key).doesNotContain(MASTER_KEY);
	}

	@Test
	void failuresFallbacksCacheAndGuardrailsAreCounted() throws Exception {
		String key = new AdminClient(base).post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		Predicate<Map<String, String>> mine = (labels) -> KeyHashes.sha256Hex(key).equals(labels.get("hashed_api_key"));

		// the broken group fails with 500 and falls back to chat, which answers
		HttpResponse<String> fellBack = GatewayHttp.post(base, key, "/v1/chat/completions", chat("broken", "fb"));
		assertThat(fellBack.statusCode()).as(fellBack.body()).isEqualTo(200);
		// a blocked prompt: 400 from the guardrail
		HttpResponse<String> blocked = GatewayHttp.post(base, key, "/v1/chat/completions",
				"{\"model\":\"guarded\",\"guardrails\":[\"words\"],\"messages\":[{\"role\":\"user\",\"content\":\"a forbidden word\"}]}");
		assertThat(blocked.statusCode()).isEqualTo(400);
		// asked twice with the cache on: a miss, then a hit
		String cached = "{\"model\":\"chat\",\"cache\":{\"use-cache\":true},\"messages\":[{\"role\":\"user\",\"content\":\"c "
				+ UUID.randomUUID() + "\"}]}";
		GatewayHttp.post(base, key, "/v1/chat/completions", cached);
		HttpResponse<String> hit = GatewayHttp.post(base, key, "/v1/chat/completions", cached);
		long hitTokens = JSON.readTree(hit.body()).path("usage").path("total_tokens").asLong();

		PrometheusText metrics = scrapeAfter(base, key, mine, 4);
		assertThat(metrics.sum("litellm_deployment_failure_responses_total",
				mine.and((l) -> "500".equals(l.get("exception_status")))))
			.isEqualTo(1);
		PrometheusText.Sample failure = metrics.samples("litellm_deployment_failure_responses_total", mine).get(0);
		assertThat(failure.labels()).containsEntry("requested_model", "broken")
			.containsEntry("litellm_model_name", "openai/metrics-broken;error=500")
			.containsEntry("exception_class", "Openai.InternalServerError");
		assertThat(metrics.sum("litellm_deployment_successful_fallbacks_total",
				mine.and((l) -> "broken".equals(l.get("requested_model")) && "chat".equals(l.get("fallback_model")))))
			.isEqualTo(1);
		assertThat(metrics.sum("litellm_deployment_state",
				(l) -> l.get("litellm_model_name").equals("openai/metrics-broken;error=500")))
			.as("partial outage after a failure")
			.isEqualTo(1);

		assertThat(metrics.sum("litellm_proxy_failed_requests_metric_total",
				mine.and((l) -> "400".equals(l.get("exception_status")))))
			.isEqualTo(1);
		assertThat(metrics.sum("litellm_llm_api_failed_requests_metric_total", mine)).isEqualTo(1);
		assertThat(metrics.sum("litellm_proxy_total_requests_metric_total",
				mine.and((l) -> "400".equals(l.get("status_code")))))
			.isEqualTo(1);
		assertThat(metrics.sum("litellm_guardrail_requests_total", (l) -> "words".equals(l.get("guardrail_name"))
				&& "error".equals(l.get("status")) && "pre_call".equals(l.get("hook_type"))))
			.isGreaterThanOrEqualTo(1);
		assertThat(metrics.sum("litellm_guardrail_verdicts_total",
				(l) -> "words".equals(l.get("guardrail_name")) && "blocked".equals(l.get("verdict"))))
			.isGreaterThanOrEqualTo(1);

		assertThat(metrics.sum("litellm_cache_misses_metric_total", mine)).isEqualTo(1);
		assertThat(metrics.sum("litellm_cache_hits_metric_total", mine)).isEqualTo(1);
		assertThat(metrics.sum("litellm_cached_tokens_metric_total", mine)).isEqualTo(hitTokens);
	}

	@Test
	void budgetsAndRateLimitsShowWhatIsLeftAfterEachCall() throws Exception {
		AdminClient admin = new AdminClient(base);
		String teamAlias = "headroom-team-" + UUID.randomUUID();
		String team = admin.post("/team/new", MASTER_KEY, Map.of("team_alias", teamAlias, "max_budget", 50))
			.text("/team_id");
		String key = admin
			.post("/key/generate", MASTER_KEY, Map.of("team_id", team, "max_budget", 10, "budget_duration", "30d",
					"rpm_limit", 100, "model_rpm_limit", Map.of("chat", 7)))
			.text("/key");
		String hash = KeyHashes.sha256Hex(key);
		double cost = 0;
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> call = GatewayHttp.post(base, key, "/v1/chat/completions", chat("chat", "h" + i));
			assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
			cost += Double.parseDouble(call.headers().firstValue("x-litellm-response-cost").orElse("0"));
		}
		Predicate<Map<String, String>> mine = (l) -> hash.equals(l.get("hashed_api_key"));
		PrometheusText metrics = scrapeAfter(base, key, mine, 2);
		assertThat(metrics.sum("litellm_api_key_max_budget_metric", mine)).isEqualTo(10);
		assertThat(cost).isPositive();
		assertThat(metrics.sum("litellm_remaining_api_key_budget_metric", mine)).isCloseTo(10 - cost, within(1e-9));
		assertThat(metrics.sum("litellm_api_key_budget_remaining_hours_metric", mine)).isBetween(0.0, 30 * 24.0);
		Predicate<Map<String, String>> theTeam = (l) -> team.equals(l.get("team"));
		assertThat(metrics.sum("litellm_team_max_budget_metric", theTeam)).isEqualTo(50);
		assertThat(metrics.samples("litellm_team_max_budget_metric", theTeam).get(0).label("team_alias"))
			.isEqualTo(teamAlias);
		assertThat(metrics.sum("litellm_remaining_api_key_requests_for_model",
				mine.and((l) -> "chat".equals(l.get("model")))))
			.as("7 per minute, 2 used")
			.isEqualTo(5);
		assertThat(metrics.sum("litellm_remaining_rate_limit",
				(l) -> hash.equals(l.get("limit_id")) && "requests".equals(l.get("limit_type"))))
			.isEqualTo(98);
	}

	@Test
	void aRetryAndTheCooldownItCausesAreCounted() throws Exception {
		String key = new AdminClient(base).post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		Predicate<Map<String, String>> mine = (labels) -> KeyHashes.sha256Hex(key).equals(labels.get("hashed_api_key"));
		String throttled = "metrics-pair-429-" + RUN + ";error=429";
		// the group's two deployments are picked at random: call until the throttled one
		// was tried; a 429 cools it down at once and the call is retried on the other
		int calls = 0;
		while (GatewayHttp.fakeCalls(throttled) == 0 && calls < 40) {
			HttpResponse<String> call = GatewayHttp.post(base, key, "/v1/chat/completions",
					"{\"model\":\"pair\",\"num_retries\":2,\"messages\":[{\"role\":\"user\",\"content\":\"p\"}]}");
			assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
			calls++;
		}
		assertThat(GatewayHttp.fakeCalls(throttled)).as("tried once, then resting").isEqualTo(1);
		PrometheusText metrics = scrapeAfter(base, key, mine, calls);
		Predicate<Map<String, String>> theThrottled = (l) -> l.getOrDefault("litellm_model_name", "")
			.contains("metrics-pair-429-" + RUN);
		assertThat(metrics.sum("litellm_deployment_cooled_down_total",
				theThrottled.and((l) -> "429".equals(l.get("exception_status")))))
			.isEqualTo(1);
		assertThat(metrics.sum("litellm_deployment_state", theThrottled)).as("complete outage while it rests")
			.isEqualTo(2);
		assertThat(metrics.sum("litellm_deployment_retries_total",
				mine.and((l) -> "pair".equals(l.get("requested_model")))))
			.isEqualTo(1);
	}

	@Test
	void whatTheProviderSaysItHasLeftIsPublishedAsLiteLlmPublishesIt() throws Exception {
		String key = new AdminClient(base).post("/key/generate", MASTER_KEY, Map.of("key_alias", "headroom-" + RUN))
			.text("/key");
		Predicate<Map<String, String>> mine = (labels) -> KeyHashes.sha256Hex(key).equals(labels.get("hashed_api_key"));
		GatewayHttp.post(base, key, "/v1/chat/completions", chat("headroom", "one"));
		GatewayHttp.post(base, key, "/v1/chat/completions", chat("headroom", "two"));
		// the third streamed: the headers of a stream count too
		HttpResponse<String> streamed = GatewayHttp.post(base, key, "/v1/chat/completions",
				"{\"model\":\"headroom\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"three\"}]}");
		assertThat(streamed.body()).contains("[DONE]");
		PrometheusText metrics = scrapeAfter(base, key, mine, 3);
		// the fake says 10,000 less its calls so far, and 1,000,000 less 100 a call
		PrometheusText.Sample requests = metrics.samples("litellm_remaining_requests", mine).get(0);
		assertThat(requests.value()).isEqualTo(10_000 - 3);
		assertThat(requests.labels()).containsEntry("model_group", "headroom")
			.containsEntry("api_provider", "openai")
			.containsEntry("api_key_alias", "headroom-" + RUN)
			.containsKey("api_base");
		assertThat(requests.label("litellm_model_name")).contains("metrics-headroom-" + RUN);
		assertThat(metrics.sum("litellm_remaining_tokens", mine)).isEqualTo(1_000_000 - 300);
	}

	@Test
	void processAndPoolMetersAreOnTheSameEndpoint() throws Exception {
		GatewayHttp.post(base, MASTER_KEY, "/v1/chat/completions", chat("chat", "warm"));
		PrometheusText metrics = scrape(base, MASTER_KEY);
		Predicate<Map<String, String>> broken = (l) -> "openai/metrics-broken;error=500"
			.equals(l.get("litellm_model_name"));
		assertThat(metrics.sum("litellm_deployment_rpm_limit", broken)).as("from the config").isEqualTo(1000);
		assertThat(metrics.sum("litellm_deployment_tpm_limit", broken)).isEqualTo(500000);
		assertThat(metrics.families()).containsKeys("jvm_memory_used_bytes", "jvm_classes_loaded_classes",
				"jvm_threads_live_threads", "process_cpu_usage", "netty_allocator_memory_used",
				"reactor_netty_connection_provider_total_connections", "r2dbc_pool_acquired");
	}

	@Test
	void anyValidKeyMayReadTheMetricsAndNoKeyMayNot() throws Exception {
		assertThat(send(base, null, null).statusCode()).isEqualTo(401);
		assertThat(send(base, "sk-wrong-key", null).statusCode()).isEqualTo(401);
		String key = new AdminClient(base).post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		HttpResponse<String> plain = send(base, key, null);
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain; version=0.0.4");
		assertThat(send(base, key, null, "/metrics/").statusCode()).isEqualTo(200);
		HttpResponse<String> open = send(base, key, "application/openmetrics-text; version=1.0.0");
		assertThat(open.headers().firstValue("content-type").orElseThrow()).startsWith("application/openmetrics-text");
		assertThat(open.body()).endsWith("# EOF\n");
	}

	@Test
	void adminModeTurnsOtherKeysAwayAndEndUsersAndBucketsFollowTheSettings() throws Exception {
		String adminBase = GatewayInstances.baseUrl(adminOnly);
		String key = new AdminClient(adminBase).post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		HttpResponse<String> refused = send(adminBase, key, null);
		assertThat(refused.statusCode()).as("LiteLLM's answer to a route a key may not call").isEqualTo(401);
		assertThat(refused.body()).contains("/metrics");
		GatewayHttp.post(adminBase, key, "/v1/chat/completions",
				"{\"model\":\"chat\",\"user\":\"end-user-7\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		Predicate<Map<String, String>> endUser = (l) -> "end-user-7".equals(l.get("end_user"));
		PrometheusText metrics = scrapeAfter(adminBase, MASTER_KEY, endUser, 1);
		assertThat(metrics.sum("litellm_proxy_total_requests_metric_total", endUser)).isEqualTo(1);
		assertThat(metrics.samples("litellm_request_total_latency_metric_bucket", endUser)
			.stream()
			.map((s) -> s.label("le"))).containsExactly("0.5", "1.0", "2.0", "+Inf");
		assertThat(metrics.families()).as("Lettuce's command timers, on the instance with Redis")
			.containsKey("lettuce_command_completion_seconds");
	}

	private static String chat(String model, String content) {
		return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
	}

	/**
	 * The metrics once {@code calls} calls matching {@code mine} are counted: a call is
	 * counted as its response ends, which may be just after the client has read it, and
	 * its request count is the last of its meters to move.
	 */
	private static PrometheusText scrapeAfter(String base, String key, Predicate<Map<String, String>> mine, int calls)
			throws Exception {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (true) {
			PrometheusText metrics = scrape(base, key);
			if (metrics.sum("litellm_proxy_total_requests_metric_total", mine) >= calls
					|| System.nanoTime() > deadline) {
				// a call's request count is its last meter, but a scrape reads the
				// families
				// in turn: the next scrape holds all of the call
				return scrape(base, key);
			}
			Thread.sleep(20);
		}
	}

	private static PrometheusText scrape(String base, String key) throws Exception {
		HttpResponse<String> response = raw(base, key);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return PrometheusText.parse(response.body());
	}

	private static HttpResponse<String> raw(String base, String key) throws Exception {
		return send(base, key, null);
	}

	private static HttpResponse<String> send(String base, String key, String accept) throws Exception {
		return send(base, key, accept, "/metrics");
	}

	private static HttpResponse<String> send(String base, String key, String accept, String path) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
