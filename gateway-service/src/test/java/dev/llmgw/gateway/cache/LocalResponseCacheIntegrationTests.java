package dev.llmgw.gateway.cache;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
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
 * The in-process cache with the settings a cautious operator sets: {@code default_off}
 * (only calls that ask are cached), entries scoped to the caller's key, chat only; and a
 * gateway without {@code cache: true}, which says so.
 */
class LocalResponseCacheIntegrationTests {

	private static final String MASTER_KEY = "sk-local-cache-master-0123";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path directory;

	static ConfigurableApplicationContext cached;

	static ConfigurableApplicationContext uncached;

	@BeforeAll
	static void start() throws Exception {
		String fake = FakeLlmServerProcess.shared().baseUrl();
		Path config = directory.resolve("config.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: chat
				    litellm_params: {model: "openai/local-cache", api_base: "%1$s", api_key: k}
				  - model_name: reranker
				    litellm_params: {model: cohere/rerank-v3.5, api_base: "%3$s", api_key: k}
				  - model_name: embedder
				    litellm_params: {model: "openai/local-embed", api_base: "%1$s", api_key: k}
				    model_info: {mode: embedding}
				litellm_settings:
				  cache: true
				  cache_params:
				    type: local
				    mode: default_off
				    scope: key
				    supported_call_types: [acompletion, aresponses, rerank]
				    max_size_per_item: 1
				general_settings:
				  master_key: %2$s
				""".formatted(fake, MASTER_KEY, fake.replaceAll("/v1$", "")));
		cached = GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + directory.resolve("a"));
		uncached = GatewayInstances.start("--gateway.data-dir=" + directory.resolve("b"));
	}

	@AfterAll
	static void stop() {
		if (cached != null) {
			cached.close();
		}
		if (uncached != null) {
			uncached.close();
		}
	}

	@Test
	void withDefaultOffOnlyCallsThatAskAreCached() throws Exception {
		String plain = chat("off by default " + UUID.randomUUID(), "");
		post(cached, MASTER_KEY, "/v1/chat/completions", plain);
		assertThat(hit(post(cached, MASTER_KEY, "/v1/chat/completions", plain))).isFalse();
		String asking = chat("asks " + UUID.randomUUID(), ",\"cache\":{\"use-cache\":true}");
		post(cached, MASTER_KEY, "/v1/chat/completions", asking);
		assertThat(hit(post(cached, MASTER_KEY, "/v1/chat/completions", asking))).isTrue();
	}

	@Test
	void theResponsesApiSharesTheChatCacheWhenItsCallTypeIsListed() throws Exception {
		String asking = "{\"model\":\"chat\",\"input\":\"responses " + UUID.randomUUID()
				+ "\",\"cache\":{\"use-cache\":true}}";
		HttpResponse<String> first = post(cached, MASTER_KEY, "/v1/responses", asking);
		assertThat(hit(first)).isFalse();
		HttpResponse<String> second = post(cached, MASTER_KEY, "/v1/responses", asking);
		assertThat(hit(second)).isTrue();
		JsonNode answer = JSON.readTree(second.body());
		assertThat(answer.path("object").asString()).isEqualTo("response");
		assertThat(answer.at("/output/0/content/0/text").asString())
			.isEqualTo(JSON.readTree(first.body()).at("/output/0/content/0/text").asString());
		assertThat(answer.path("id").asString()).as("a new response, not the first one again")
			.isNotEqualTo(JSON.readTree(first.body()).path("id").asString());
	}

	@Test
	void reranksAreCachedWhenListedAndAHitCostsNothing() throws Exception {
		String asking = "{\"model\":\"reranker\",\"query\":\"q " + UUID.randomUUID()
				+ "\",\"documents\":[\"a\",\"b\"],\"cache\":{\"use-cache\":true}}";
		HttpResponse<String> first = post(cached, MASTER_KEY, "/v1/rerank", asking);
		assertThat(hit(first)).isFalse();
		HttpResponse<String> second = post(cached, MASTER_KEY, "/v1/rerank", asking);
		assertThat(hit(second)).isTrue();
		assertThat(JSON.readTree(second.body()).get("results")).isEqualTo(JSON.readTree(first.body()).get("results"));
		assertThat(second.headers().firstValue("x-litellm-response-cost")).hasValue("0.0");
	}

	@Test
	void scopedToTheKeyAnotherKeyDoesNotSeeTheEntry() throws Exception {
		AdminClient api = new AdminClient(GatewayInstances.baseUrl(cached));
		String one = api.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		String two = api.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		String asking = chat("scoped " + UUID.randomUUID(), ",\"cache\":{\"use-cache\":true}");
		post(cached, one, "/v1/chat/completions", asking);
		assertThat(hit(post(cached, one, "/v1/chat/completions", asking))).isTrue();
		assertThat(hit(post(cached, two, "/v1/chat/completions", asking))).isFalse();
	}

	@Test
	void callTypesNotListedAndEntriesOverTheItemLimitAreNotCached() throws Exception {
		String embedding = "{\"model\":\"embedder\",\"input\":\"x\",\"cache\":{\"use-cache\":true}}";
		post(cached, MASTER_KEY, "/v1/embeddings", embedding);
		assertThat(hit(post(cached, MASTER_KEY, "/v1/embeddings", embedding))).as("embeddings are not listed")
			.isFalse();
		// a 1 KB item limit: a long answer is not kept
		String longQuestion = chat("long " + "y".repeat(2000), ",\"cache\":{\"use-cache\":true}");
		post(cached, MASTER_KEY, "/v1/chat/completions", longQuestion);
		assertThat(hit(post(cached, MASTER_KEY, "/v1/chat/completions", longQuestion))).isFalse();
	}

	@Test
	void readinessAndTheAdminRoutesNameTheCacheOrItsAbsence() throws Exception {
		JsonNode ready = JSON.readTree(get(cached, "/health/readiness").body());
		assertThat(ready.path("cache").asString()).isEqualTo("local");
		assertThat(ready.path("cache_status").asString()).isEqualTo("connected");
		assertThat(get(cached, "/cache/ping").statusCode()).isEqualTo(200);
		assertThat(get(cached, "/cache/redis/info").statusCode()).isEqualTo(503);

		JsonNode none = JSON.readTree(get(uncached, "/health/readiness").body());
		assertThat(none.has("cache")).isTrue();
		assertThat(none.path("cache").isNull()).as("LiteLLM's null without cache: true").isTrue();
		HttpResponse<String> ping = get(uncached, "/cache/ping");
		assertThat(ping.statusCode()).isEqualTo(503);
		assertThat(JSON.readTree(ping.body()).at("/error/message").asString())
			.contains("Cache not initialized. litellm.cache is None");
		HttpResponse<String> asking = post(uncached, "sk-test-master-0123456789", "/v1/chat/completions",
				"{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"cache\":{\"ttl\":-1}}");
		assertThat(asking.statusCode()).as("without a cache its controls are ignored, as LiteLLM ignores them")
			.isEqualTo(200);
	}

	private static boolean hit(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.headers().firstValue(ResponseCache.KEY_HEADER).isPresent();
	}

	private static String chat(String question, String more) {
		return "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]" + more + "}";
	}

	private static HttpResponse<String> post(ConfigurableApplicationContext gateway, String key, String path,
			String body) {
		return GatewayHttp.post(GatewayInstances.baseUrl(gateway), key, path, body);
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext gateway, String path) {
		String key = (gateway == cached) ? MASTER_KEY : "sk-test-master-0123456789";
		return GatewayHttp.get(GatewayInstances.baseUrl(gateway), key, path);
	}

}
