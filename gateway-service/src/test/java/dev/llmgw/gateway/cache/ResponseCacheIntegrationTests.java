package dev.llmgw.gateway.cache;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
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
 * The response cache end to end, on a Redis of the test's own (so that it can be killed)
 * and against the shared fake provider, whose request counts show whether a call reached
 * it: hits and misses per field, each request control, TTLs, streams replayed to the
 * official OpenAI SDK, embeddings cached per input, hits at no cost in the spend log, the
 * admin routes, and Redis dying under the gateway.
 */
class ResponseCacheIntegrationTests {

	private static final String MASTER_KEY = "sk-cache-master-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Unique to this run, so that the fake's counts are this test's alone. */
	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	@TempDir
	static Path directory;

	static DisposableRedis redis;

	static ConfigurableApplicationContext gateway;

	static String base;

	@BeforeAll
	static void start() throws IOException {
		redis = DisposableRedis.start(directory);
		String fake = FakeLlmServerProcess.shared().baseUrl();
		Path config = directory.resolve("config.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: cached
				    litellm_params: {model: "openai/chat-%2$s", api_base: "%1$s", api_key: k}
				    model_info: {base_model: gpt-4o-mini}
				  - model_name: cached-too
				    litellm_params: {model: "openai/chat-too-%2$s", api_base: "%1$s", api_key: k}
				  - model_name: streamed
				    litellm_params: {model: "openai/stream-%2$s;chunks=3", api_base: "%1$s", api_key: k}
				  - model_name: tools
				    litellm_params: {model: "openai/tools-%2$s;tool_call=get_weather", api_base: "%1$s", api_key: k}
				  - model_name: failing
				    litellm_params: {model: "openai/failing-%2$s;error=500", api_base: "%1$s", api_key: k}
				  - model_name: embedder
				    litellm_params: {model: "openai/embed-%2$s", api_base: "%1$s", api_key: k}
				    model_info: {mode: embedding}
				litellm_settings:
				  cache: true
				  cache_params:
				    type: redis
				    host: 127.0.0.1
				    port: %3$d
				    ttl: 600
				general_settings:
				  master_key: %4$s
				""".formatted(fake, RUN, redis.port(), MASTER_KEY));
		gateway = GatewayInstances.startWithConfig(config,
				"--gateway.data-dir=" + directory.resolve("data").toString());
		base = GatewayInstances.baseUrl(gateway);
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void aRepeatedQuestionIsAnsweredFromTheCacheAtNoCost() throws Exception {
		String body = chatBody("cached", "what is a cache " + UUID.randomUUID(), "");
		long before = providerCalls("chat-" + RUN);
		HttpResponse<String> first = post("/v1/chat/completions", body);
		HttpResponse<String> second = post("/v1/chat/completions", body);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(providerCalls("chat-" + RUN) - before).as("one provider call for two requests").isEqualTo(1);
		assertThat(first.headers().firstValue(ResponseCache.KEY_HEADER)).as("a miss carries no key").isEmpty();
		String key = second.headers().firstValue(ResponseCache.KEY_HEADER).orElseThrow();
		assertThat(key).matches("[0-9a-f]{64}");
		assertThat(JSON.readTree(second.body())).isEqualTo(JSON.readTree(first.body()));
		assertThat(second.headers().firstValue("x-litellm-response-cost")).hasValue("0.0");
		assertThat(Double.parseDouble(first.headers().firstValue("x-litellm-response-cost").orElseThrow()))
			.isPositive();
		JsonNode hitRow = spendLog(second);
		assertThat(hitRow.path("cache_hit").asString()).isEqualTo("True");
		assertThat(hitRow.path("cache_key").asString()).isEqualTo(key);
		assertThat(hitRow.path("spend").asDouble()).isZero();
		assertThat(hitRow.path("total_tokens").asLong()).as("the answer's tokens, as LiteLLM logs a hit").isPositive();
		JsonNode missRow = spendLog(first);
		assertThat(missRow.path("cache_hit").asString()).isEqualTo("False");
		assertThat(missRow.path("cache_key").asString()).isEqualTo(key);
	}

	@Test
	void theKeyIgnoresFieldOrderDefaultsAndTheCallerButNotWhatChangesTheAnswer() throws Exception {
		String question = "key test " + UUID.randomUUID();
		String plain = chatBody("cached", question, "");
		assertThat(post("/v1/chat/completions", plain).statusCode()).isEqualTo(200);
		String reordered = "{\"messages\":[{\"content\":[{\"type\":\"text\",\"text\":\"" + question
				+ "\"}],\"role\":\"user\"}],\"user\":\"someone-else\",\"metadata\":{\"a\":1},"
				+ "\"model\":\"cached\"}";
		assertThat(isHit(post("/v1/chat/completions", reordered))).as("same question, other spelling").isTrue();
		String key = new AdminClient(base).post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		assertThat(isHit(postWith(key, "/v1/chat/completions", plain))).as("another caller's key shares the entry")
			.isTrue();
		for (String changed : List.of(",\"temperature\":0.5", ",\"max_tokens\":5", ",\"seed\":3", ",\"top_p\":0.9",
				",\"stop\":[\"x\"]", ",\"response_format\":{\"type\":\"json_object\"}",
				",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{}}}]",
				",\"tool_choice\":\"required\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]",
				",\"n\":2")) {
			assertThat(isHit(post("/v1/chat/completions", chatBody("cached", question, changed)))).as(changed)
				.isFalse();
		}
		assertThat(isHit(post("/v1/chat/completions", chatBody("cached-too", question, "")))).as("another model group")
			.isFalse();
		assertThat(isHit(post("/v1/chat/completions", chatBody("cached", question + "?", "")))).as("another question")
			.isFalse();
	}

	@Test
	void eachRequestControlDoesWhatLiteLlmsDoes() throws Exception {
		String question = "controls " + UUID.randomUUID();
		String stored = chatBody("cached", question, "");
		assertThat(post("/v1/chat/completions", stored).statusCode()).isEqualTo(200);
		assertThat(isHit(post("/v1/chat/completions", chatBody("cached", question, ",\"cache\":{\"no-cache\":true}"))))
			.as("no-cache skips the lookup")
			.isFalse();
		assertThat(isHit(post("/v1/chat/completions", chatBody("cached", question, ",\"cache\":{\"s-maxage\":0}"))))
			.as("an entry older than 0 s is not taken")
			.isFalse();
		assertThat(isHit(post("/v1/chat/completions", chatBody("cached", question, ",\"cache\":{\"s-maxage\":600}"))))
			.isTrue();

		String unstored = chatBody("cached", "no store " + UUID.randomUUID(), ",\"cache\":{\"no-store\":true}");
		assertThat(post("/v1/chat/completions", unstored).statusCode()).isEqualTo(200);
		assertThat(isHit(post("/v1/chat/completions", unstored))).as("no-store kept nothing").isFalse();

		String shortLived = chatBody("cached", "short " + UUID.randomUUID(), ",\"cache\":{\"ttl\":1}");
		assertThat(post("/v1/chat/completions", shortLived).statusCode()).isEqualTo(200);
		assertThat(isHit(post("/v1/chat/completions", shortLived))).isTrue();
		Thread.sleep(1500);
		assertThat(isHit(post("/v1/chat/completions", shortLived))).as("expired after its ttl").isFalse();

		String spaced = chatBody("cached", question, ",\"cache\":{\"namespace\":\"tenant-a\"}");
		assertThat(isHit(post("/v1/chat/completions", spaced))).as("another namespace").isFalse();
		HttpResponse<String> again = post("/v1/chat/completions", spaced);
		assertThat(again.headers().firstValue(ResponseCache.KEY_HEADER).orElseThrow()).startsWith("tenant-a:");
	}

	@Test
	void anAnswerFromAFallbackGroupIsNotKeptUnderTheAskedGroup() throws Exception {
		String body = "{\"model\":\"failing\",\"num_retries\":0,\"fallbacks\":[\"cached\"],"
				+ "\"messages\":[{\"role\":\"user\",\"content\":\"fallback " + UUID.randomUUID() + "\"}]}";
		HttpResponse<String> first = post("/v1/chat/completions", body);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(isHit(post("/v1/chat/completions", body))).as("cached's answer is not failing's").isFalse();
	}

	@Test
	void anInvalidControlIsA400NamingItsField() throws Exception {
		Map<String, String> cases = Map.of(",\"cache\":\"yes\"", "cache", ",\"cache\":{\"ttl\":-1}", "cache.ttl",
				",\"cache\":{\"ttl\":\"soon\"}", "cache.ttl", ",\"cache\":{\"no-cache\":\"true\"}", "cache.no-cache",
				",\"cache\":{\"s-maxage\":-5}", "cache.s-maxage", ",\"cache\":{\"namespace\":\"\"}", "cache.namespace");
		for (Map.Entry<String, String> bad : cases.entrySet()) {
			HttpResponse<String> response = post("/v1/chat/completions", chatBody("cached", "bad", bad.getKey()));
			assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
			assertThat(JSON.readTree(response.body()).at("/error/param").asString()).as(bad.getKey())
				.isEqualTo(bad.getValue());
		}
	}

	@Test
	void aStreamIsStoredWhenItCompletedAndReplayedToTheOpenAiSdk() throws Exception {
		String question = "stream " + UUID.randomUUID();
		long before = providerCalls("stream-" + RUN + ";chunks=3");
		StreamResult fresh = stream("streamed", question);
		StreamResult replayed = stream("streamed", question);
		assertThat(providerCalls("stream-" + RUN + ";chunks=3") - before).isEqualTo(1);
		assertThat(replayed.text()).isEqualTo(fresh.text()).isNotEmpty();
		assertThat(replayed.totalTokens()).isEqualTo(fresh.totalTokens()).isPositive();
		assertThat(replayed.finishReason()).isEqualTo("stop");
		// the same question asked without streaming is the stored answer, whole
		HttpResponse<String> whole = post("/v1/chat/completions", chatBody("streamed", question, ""));
		assertThat(isHit(whole)).isTrue();
		assertThat(JSON.readTree(whole.body()).at("/choices/0/message/content").asString()).isEqualTo(fresh.text());
		assertThat(providerCalls("stream-" + RUN + ";chunks=3") - before).isEqualTo(1);

		// and a whole answer stored first is replayed to a streaming caller
		String other = "whole first " + UUID.randomUUID();
		HttpResponse<String> first = post("/v1/chat/completions", chatBody("cached", other, ""));
		StreamResult asStream = stream("cached", other);
		assertThat(asStream.text()).isEqualTo(JSON.readTree(first.body()).at("/choices/0/message/content").asString());
	}

	@Test
	void aToolCallIsReplayedWithItsArguments() throws Exception {
		String body = chatBody("tools", "weather " + UUID.randomUUID(),
				",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{}}}],"
						+ "\"stream\":true");
		String fresh = post("/v1/chat/completions", body).body();
		HttpResponse<String> replayed = post("/v1/chat/completions", body);
		assertThat(isHit(replayed)).isTrue();
		assertThat(toolCall(replayed.body())).isEqualTo(toolCall(fresh)).contains("get_weather");
		HttpResponse<String> whole = post("/v1/chat/completions", body.replace(",\"stream\":true", ""));
		assertThat(isHit(whole)).isTrue();
		JsonNode call = JSON.readTree(whole.body()).at("/choices/0/message/tool_calls/0");
		assertThat(call.at("/function/name").asString()).isEqualTo("get_weather");
		assertThat(JSON.readTree(whole.body()).at("/choices/0/finish_reason").asString()).isEqualTo("tool_calls");
	}

	@Test
	void embeddingsAreCachedPerInputAndOnlyTheRestIsAskedFor() throws Exception {
		String a = "alpha " + UUID.randomUUID();
		String b = "beta " + UUID.randomUUID();
		String c = "gamma " + UUID.randomUUID();
		JsonNode fresh = JSON.readTree(post("/v1/embeddings", embeddingBody(a, b, c)).body());
		long before = providerCalls("embed-" + RUN);
		HttpResponse<String> first = post("/v1/embeddings", embeddingBody(a, b));
		assertThat(providerCalls("embed-" + RUN) - before).as("both inputs cached").isZero();
		assertThat(isHit(first) || first.headers().firstValue("x-litellm-response-cost").orElse("").equals("0.0"))
			.isTrue();
		String d = "delta " + UUID.randomUUID();
		HttpResponse<String> partial = post("/v1/embeddings", embeddingBody(c, d, a));
		assertThat(partial.statusCode()).isEqualTo(200);
		assertThat(providerCalls("embed-" + RUN) - before).as("one call, for the new input").isEqualTo(1);
		JsonNode merged = JSON.readTree(partial.body());
		assertThat(merged.path("data")).hasSize(3);
		assertThat(merged.at("/data/0/embedding")).isEqualTo(fresh.at("/data/2/embedding"));
		assertThat(merged.at("/data/2/embedding")).isEqualTo(fresh.at("/data/0/embedding"));
		assertThat(merged.at("/data/1/index").asInt()).isEqualTo(1);
		assertThat(spendLog(partial).path("call_type").asString()).isEqualTo("aembedding");
		JsonNode alone = JSON.readTree(post("/v1/embeddings", embeddingBody(d)).body());
		assertThat(merged.at("/data/1/embedding")).isEqualTo(alone.at("/data/0/embedding"));
	}

	@Test
	void theAnthropicInterfaceSharesTheCache() throws Exception {
		String body = "{\"model\":\"cached\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"claude "
				+ UUID.randomUUID() + "\"}]}";
		HttpResponse<String> first = post("/v1/messages", body);
		HttpResponse<String> second = post("/v1/messages", body);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(isHit(second)).isTrue();
		assertThat(JSON.readTree(second.body()).at("/content/0/text").asString())
			.isEqualTo(JSON.readTree(first.body()).at("/content/0/text").asString());

		String streaming = body.replace("\"max_tokens\":50,", "\"max_tokens\":50,\"stream\":true,");
		HttpResponse<String> replayed = post("/v1/messages", streaming);
		assertThat(isHit(replayed)).as("a whole answer replayed as Anthropic events").isTrue();
		assertThat(replayed.body()).contains("event: message_start", "event: content_block_delta",
				"event: message_stop");
		StringBuilder text = new StringBuilder();
		for (String line : replayed.body().split("\n")) {
			if (line.startsWith("data: ") && line.contains("text_delta")) {
				text.append(JSON.readTree(line.substring(6)).at("/delta/text").asString());
			}
		}
		assertThat(text.toString()).isEqualTo(JSON.readTree(first.body()).at("/content/0/text").asString());
		assertThat(replayed.body()).contains("\"output_tokens\"");
	}

	@Test
	void theAdminRoutesPingDeleteFlushAndDescribeAndRefuseOthers() throws Exception {
		String body = chatBody("cached", "admin " + UUID.randomUUID(), "");
		post("/v1/chat/completions", body);
		String key = post("/v1/chat/completions", body).headers().firstValue(ResponseCache.KEY_HEADER).orElseThrow();
		AdminClient api = new AdminClient(base);
		AdminClient.Reply ping = api.get("/cache/ping", MASTER_KEY);
		assertThat(ping.status()).isEqualTo(200);
		assertThat(ping.json().path("status").asString()).isEqualTo("healthy");
		assertThat(ping.json().path("cache_type").asString()).isEqualTo("redis");
		assertThat(ping.body()).doesNotContain("password");

		String userKey = api.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		assertThat(api.get("/cache/ping", userKey).status()).isEqualTo(401);
		assertThat(api.post("/cache/flushall", userKey, Map.of()).status()).isEqualTo(401);

		assertThat(api.post("/cache/delete", MASTER_KEY, Map.of("keys", List.of(key))).status()).isEqualTo(200);
		assertThat(isHit(post("/v1/chat/completions", body))).as("deleted").isFalse();
		assertThat(api.post("/cache/delete", MASTER_KEY, Map.of("keys", "nope")).status()).isEqualTo(400);
		assertThat(api.post("/cache/delete", MASTER_KEY, Map.of("keys", List.of())).status()).isEqualTo(400);

		AdminClient.Reply info = api.get("/cache/redis/info", MASTER_KEY);
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.json().path("num_clients").asInt()).isPositive();
		assertThat(info.json().at("/info/redis_version").asString()).isNotEmpty();

		assertThat(isHit(post("/v1/chat/completions", body))).isTrue();
		redisSet("llmgw:ratelimit:other-feature", "kept");
		assertThat(api.post("/cache/flushall", MASTER_KEY, Map.of()).status()).isEqualTo(200);
		assertThat(isHit(post("/v1/chat/completions", body))).as("flushed").isFalse();
		assertThat(redisGet("llmgw:ratelimit:other-feature")).as("only the cache's keys go").isEqualTo("kept");
	}

	@Test
	void aCorruptEntryIsAMiss() throws Exception {
		String body = chatBody("cached", "corrupt " + UUID.randomUUID(), "");
		post("/v1/chat/completions", body);
		String key = post("/v1/chat/completions", body).headers().firstValue(ResponseCache.KEY_HEADER).orElseThrow();
		redisSet(RedisCacheStore.PREFIX + key, "1:123:{not json at all}");
		HttpResponse<String> response = post("/v1/chat/completions", body);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(isHit(response)).isFalse();
		redisSet(RedisCacheStore.PREFIX + key, "1:123:1:1:50:{\"cut\": \"short\"}");
		assertThat(isHit(post("/v1/chat/completions", body))).as("a value cut short").isFalse();
		redisSet(RedisCacheStore.PREFIX + key, "garbage");
		assertThat(post("/v1/chat/completions", body).statusCode()).isEqualTo(200);
	}

	@Test
	void callsGoOnWhileRedisIsDownAndHitAgainWhenItIsBack() throws Exception {
		String body = chatBody("cached", "outage " + UUID.randomUUID(), "");
		post("/v1/chat/completions", body);
		assertThat(isHit(post("/v1/chat/completions", body))).isTrue();
		redis.freeze();
		try {
			// the copy in memory is served until the tracking connection's heartbeat
			// goes unanswered, then set aside
			long setAside = System.nanoTime() + NearCachedStore.HEARTBEAT.multipliedBy(4).toNanos();
			while (isHit(post("/v1/chat/completions", body))) {
				assertThat(System.nanoTime()).as("copies set aside when Redis stops answering").isLessThan(setAside);
				Thread.sleep(100);
			}
			long started = System.nanoTime();
			for (int i = 0; i < 6; i++) {
				HttpResponse<String> response = post("/v1/chat/completions", body);
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(isHit(response)).isFalse();
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started))
				.as("a frozen Redis costs at most a lookup timeout now and then")
				.isLessThan(Duration.ofSeconds(3));
			JsonNode readiness = JSON.readTree(get("/health/readiness").body());
			assertThat(readiness.path("status").asString()).isEqualTo("degraded");
			assertThat(readiness.path("cache").asString()).isEqualTo("redis");
		}
		finally {
			redis.thaw();
		}
		long ready = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		String status = "";
		while (!status.equals("connected") && System.nanoTime() < ready) {
			// no call in between: readiness's own probe finds Redis back
			status = JSON.readTree(get("/health/readiness").body()).path("status").asString();
			Thread.sleep(200);
		}
		assertThat(status).as("readiness recovers without traffic").isEqualTo("connected");
		redis.stop();
		assertThat(post("/v1/chat/completions", body).statusCode()).as("Redis killed").isEqualTo(200);
		redis.restart();
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		boolean hit = false;
		while (!hit && System.nanoTime() < deadline) {
			Thread.sleep(300);
			HttpResponse<String> response = post("/v1/chat/completions", body);
			assertThat(response.statusCode()).isEqualTo(200);
			hit = isHit(response);
		}
		assertThat(hit).as("stores and hits again once Redis is back").isTrue();
		assertThat(JSON.readTree(get("/health/readiness").body()).path("status").asString()).isEqualTo("connected");
	}

	private record StreamResult(String text, long totalTokens, String finishReason) {

	}

	private static StreamResult stream(String model, String question) {
		OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(base + "/v1").apiKey(MASTER_KEY).build();
		try {
			ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
				.model(model)
				.addUserMessage(question)
				.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
				.build();
			StringBuilder text = new StringBuilder();
			long tokens = 0;
			String finish = null;
			try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
				for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
					for (ChatCompletionChunk.Choice choice : chunk.choices()) {
						choice.delta().content().ifPresent(text::append);
						if (choice.finishReason().isPresent()) {
							finish = choice.finishReason().get().asString();
						}
					}
					if (chunk.usage().isPresent()) {
						tokens = chunk.usage().get().totalTokens();
					}
				}
			}
			return new StreamResult(text.toString(), tokens, finish);
		}
		finally {
			client.close();
		}
	}

	private static String toolCall(String sse) throws IOException {
		StringBuilder call = new StringBuilder();
		for (String line : sse.split("\n")) {
			if (line.startsWith("data: {")) {
				JsonNode chunk = JSON.readTree(line.substring(6));
				for (JsonNode tool : chunk.at("/choices/0/delta/tool_calls")) {
					call.append(tool.at("/function/name").asString(""))
						.append(tool.at("/function/arguments").asString(""));
				}
			}
		}
		return call.toString();
	}

	private static boolean isHit(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.headers().firstValue(ResponseCache.KEY_HEADER).isPresent();
	}

	private static String chatBody(String model, String question, String more) {
		return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]" + more
				+ "}";
	}

	private static String embeddingBody(String... inputs) {
		List<String> quoted = new ArrayList<>();
		for (String input : inputs) {
			quoted.add("\"" + input + "\"");
		}
		return "{\"model\":\"embedder\",\"input\":[" + String.join(",", quoted) + "]}";
	}

	private static void redisSet(String key, String value) throws Exception {
		redis.cli("SET", key, value);
	}

	private static String redisGet(String key) throws Exception {
		return redis.cli("GET", key);
	}

	private static JsonNode spendLog(HttpResponse<String> response) {
		return GatewayHttp.spendLog(base, MASTER_KEY, response);
	}

	private static long providerCalls(String model) {
		return GatewayHttp.fakeCalls(model);
	}

	private static HttpResponse<String> post(String path, String body) {
		return postWith(MASTER_KEY, path, body);
	}

	private static HttpResponse<String> postWith(String key, String path, String body) {
		return GatewayHttp.post(base, key, path, body);
	}

	private static HttpResponse<String> get(String path) {
		return GatewayHttp.get(base, MASTER_KEY, path);
	}

}
