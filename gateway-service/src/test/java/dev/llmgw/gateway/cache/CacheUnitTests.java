package dev.llmgw.gateway.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.SseFrames;
import dev.llmgw.gateway.providers.StreamAssembler;
import dev.llmgw.gateway.providers.StreamReplay;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.Usage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache's parts on their own: keys, controls, entries, the local store, streams. */
class CacheUnitTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CacheKeys keys = new CacheKeys(JSON);

	@Test
	void keysAreTheSameForTheSameQuestionHoweverItIsSpelled() {
		String a = hash("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"seed\":1}");
		String b = hash("{\"seed\":1.0,\"stream\":true,\"user\":\"u\",\"metadata\":{},"
				+ "\"cache\":{\"ttl\":5},\"messages\":[{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"role\":\"user\"}],"
				+ "\"model\":\"m\"}");
		assertThat(b).isEqualTo(a).hasSize(64);
		assertThat(hash("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"seed\":1,"
				+ "\"temperature\":1}"))
			.as("a default spelled out: a deployment may fill the field left out otherwise")
			.isNotEqualTo(a);
		assertThat(hash("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"seed\":2}"))
			.isNotEqualTo(a);
		assertThat(hash("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"seed\":1,"
				+ "\"mock_response\":\"x\"}"))
			.as("mock_response is the answer")
			.isNotEqualTo(a);
		// a string that looks like an escaped structure never collides with the structure
		assertThat(hash("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\\\",\\\"b\"}]}"))
			.isNotEqualTo(hash("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"b\":\"\"}"));
	}

	@Test
	void keysDifferByGroupKindAndScope() throws Exception {
		ChatCompletionRequest request = JSON.readValue("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
				ChatCompletionRequest.class);
		String shared = this.keys.hash("chat", "m", null, request, null);
		assertThat(this.keys.hash("chat", "other", null, request, null)).isNotEqualTo(shared);
		assertThat(this.keys.hash("embedding", "m", null, request, null)).isNotEqualTo(shared);
		assertThat(this.keys.hash("chat", "m", "team:t1", request, null)).isNotEqualTo(shared)
			.isNotEqualTo(this.keys.hash("chat", "m", "team:t2", request, null));
		assertThat(CacheKeys.key("ns", shared)).isEqualTo("ns:" + shared);
		assertThat(CacheKeys.key(null, shared)).isEqualTo(shared);
	}

	@Test
	void aRememberedKeyIsTheKeyAndNeverAnotherRequestsKey() throws Exception {
		CacheKeys remembering = new CacheKeys(JSON);
		String json = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}],"
				+ "\"temperature\":0.5,\"response_format\":{\"type\":\"json_object\"},\"seed\":7}";
		ChatCompletionRequest first = JSON.readValue(json, ChatCompletionRequest.class);
		String exact = remembering.hash("chat", "m", null, first, null);
		assertThat(remembering.requestHash("chat", "m", null, first, 10)).isEqualTo(exact);
		assertThat(remembering.requestHash("chat", "m", null, JSON.readValue(json, ChatCompletionRequest.class), 10))
			.as("an equal request, parsed anew: the remembered key")
			.isEqualTo(exact);
		// a change deep inside, in the seed, or in who shares: another key, though the
		// first is remembered
		for (String other : List.of(json.replace("\"hi\"", "\"ho\""), json.replace("7}", "8}"),
				json.replace("json_object", "text"))) {
			ChatCompletionRequest changed = JSON.readValue(other, ChatCompletionRequest.class);
			assertThat(remembering.requestHash("chat", "m", null, changed, 10)).as(other)
				.isEqualTo(remembering.hash("chat", "m", null, changed, null))
				.isNotEqualTo(exact);
		}
		assertThat(remembering.requestHash("chat", "m", "key:k1", first, 10)).isNotEqualTo(exact);
		assertThat(remembering.requestHash("rerank", "m", null, first, 10)).isNotEqualTo(exact);
		// more questions than are remembered, then the first again
		for (int i = 0; i < CacheKeys.REMEMBERED + 10; i++) {
			ChatCompletionRequest many = JSON.readValue(json.replace("7}", i + "}"), ChatCompletionRequest.class);
			assertThat(remembering.requestHash("chat", "m", null, many, 10))
				.isEqualTo(remembering.hash("chat", "m", null, many, null));
		}
		assertThat(remembering.requestHash("chat", "m", null, first, 10)).isEqualTo(exact);
		assertThat(remembering.requestHash("chat", "m", null, first, CacheKeys.REMEMBERED_MAX_CHARS + 1))
			.as("a large prompt, hashed each time")
			.isEqualTo(exact);
	}

	@Test
	void controlsAreReadAndCheckedWithLiteLlmsNames() {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("no-cache", true);
		all.put("no-store", false);
		all.put("ttl", 30);
		all.put("s-max-age", 10.5);
		all.put("namespace", "n1");
		all.put("use-cache", true);
		all.put("something-else", "ignored");
		assertThat(CacheControl.of(all)).isEqualTo(new CacheControl(true, false, 30.0, 10.5, "n1", true));
		assertThat(CacheControl.of(Map.of("s-maxage", 0))).extracting(CacheControl::maxAgeSeconds).isEqualTo(0.0);
		assertThat(CacheControl.of(null)).isEqualTo(CacheControl.NONE);
		assertThatThrownBy(() -> CacheControl.of(Map.of("ttl", 0))).isInstanceOf(BadRequestError.class)
			.hasMessageContaining("'cache.ttl'");
		assertThatThrownBy(() -> CacheControl.of(Map.of("ttl", 1e12))).isInstanceOf(BadRequestError.class);
		assertThatThrownBy(() -> CacheControl.of(Map.of("namespace", "a\u0000b"))).isInstanceOf(BadRequestError.class);
		assertThatThrownBy(() -> CacheControl.of(Map.of("namespace", "x".repeat(300))))
			.isInstanceOf(BadRequestError.class);
		assertThatThrownBy(() -> CacheControl.of(List.of())).isInstanceOf(BadRequestError.class)
			.hasMessageContaining("'cache'");
	}

	@Test
	void anEntryReadsBackAndAnythingElseIsNoEntry() {
		CacheEntry entry = new CacheEntry(1234, 3, 4, "{\"a\":1}");
		assertThat(entry.encode()).isEqualTo("1:1234:3:4:7:{\"a\":1}");
		assertThat(CacheEntry.decode(entry.encode())).isEqualTo(entry);
		assertThat(entry.usage().totalTokens()).isEqualTo(7);
		for (String corrupt : new String[] { null, "", "1:", "1:1:1:1:", "1:1:1:1:2:{}x", "1:1:1:1:7:{\"a\":1",
				"1:12x:1:1:2:{}", "2:1:1:1:2:{}", "1:1:1:1:8:not json", "1:1:1:2:{}", "1:99999999999999999999:1:1:2:{}",
				"1:1:1:1:7:{\"a\":1}}" }) {
			assertThat(CacheEntry.decode(corrupt)).as(String.valueOf(corrupt)).isNull();
		}
		assertThat(entry.olderThan(1, 2234)).isFalse();
		assertThat(entry.olderThan(1, 2235)).isTrue();
	}

	@Test
	void theLocalStoreHoldsItsBoundsAndExpiresEntries() {
		AtomicLong now = new AtomicLong(1000);
		LocalCacheStore store = new LocalCacheStore(3, 10_000, now::get);
		for (int i = 0; i < 5; i++) {
			store.put("k" + i, "v" + i, Duration.ofSeconds(10)).block();
		}
		assertThat(store.size()).isEqualTo(3);
		assertThat(store.get("k0").block()).as("the oldest went first").isNull();
		assertThat(store.get("k4").block()).isEqualTo("v4");
		now.addAndGet(10_001);
		assertThat(store.get("k4").block()).as("expired").isNull();

		LocalCacheStore small = new LocalCacheStore(100, 1000, now::get);
		small.put("big", "x".repeat(2000), Duration.ofSeconds(10)).block();
		assertThat(small.size()).as("an entry larger than the whole store is not kept").isZero();
		for (int i = 0; i < 10; i++) {
			small.put("k" + i, "y".repeat(200), Duration.ofSeconds(10)).block();
		}
		assertThat(small.info().block().get("chars"))
			.satisfies((chars) -> assertThat((Long) chars).isLessThanOrEqualTo(1000));
		assertThat(small.delete(List.of("k9", "missing")).block()).isEqualTo(1);
		assertThat(small.flush().block()).isPositive();
		assertThat(small.size()).isZero();
	}

	@Test
	void aStreamPutBackTogetherReplaysAsTheSameAnswer() throws Exception {
		List<byte[]> frames = new ArrayList<>();
		frames.add(frame("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":7,\"model\":\"m\","
				+ "\"system_fingerprint\":\"fp\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
				+ "\"finish_reason\":null}]}"));
		frames.add(frame(
				"{\"id\":\"c1\",\"created\":7,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}"));
		frames.add(frame(
				"{\"id\":\"c1\",\"created\":7,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\","
						+ "\"tool_calls\":[{\"index\":0,\"id\":\"t1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\"\"}}]}}]}"));
		frames.add(frame("{\"id\":\"c1\",\"created\":7,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{"
				+ "\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]},\"finish_reason\":\"tool_calls\"}]}"));
		frames.add("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
		StreamAssembler assembler = new StreamAssembler(JSON);
		frames.forEach(assembler::accept);
		String completion = assembler.completion(Usage.of(3, 4));
		JsonNode whole = JSON.readTree(completion);
		assertThat(whole.path("object").asString()).isEqualTo("chat.completion");
		assertThat(whole.path("system_fingerprint").asString()).isEqualTo("fp");
		assertThat(whole.at("/choices/0/message/content").asString()).isEqualTo("Hello");
		assertThat(whole.at("/choices/0/message/tool_calls/0/function/arguments").asString()).isEqualTo("{\"a\":1}");
		assertThat(whole.at("/choices/0/finish_reason").asString()).isEqualTo("tool_calls");
		assertThat(whole.at("/usage/total_tokens").asLong()).isEqualTo(7);

		List<byte[]> replay = StreamReplay.frames(JSON, whole, true);
		StreamAssembler again = new StreamAssembler(JSON);
		replay.forEach(again::accept);
		assertThat(JSON.readTree(again.completion(Usage.NONE))).isEqualTo(whole);
		assertThat(new String(replay.get(replay.size() - 1), StandardCharsets.US_ASCII)).isEqualTo("data: [DONE]\n\n");
		assertThat(StreamReplay.frames(JSON, whole, false)).hasSize(replay.size() - 1);
	}

	@Test
	void aStreamThatDidNotEndWellIsNotKept() {
		StreamAssembler noDone = new StreamAssembler(JSON);
		noDone.accept(frame(
				"{\"id\":\"c\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},"
						+ "\"finish_reason\":\"stop\"}]}"));
		assertThat(noDone.completion(Usage.NONE)).isNull();
		StreamAssembler failed = new StreamAssembler(JSON);
		failed.accept(frame(
				"{\"id\":\"c\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}"));
		failed.accept(frame("{\"error\":{\"message\":\"boom\"}}"));
		failed.accept("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
		assertThat(failed.completion(Usage.NONE)).isNull();
		StreamAssembler unfinished = new StreamAssembler(JSON);
		unfinished.accept(frame(
				"{\"id\":\"c\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}"));
		unfinished.accept("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
		assertThat(unfinished.completion(Usage.NONE)).as("no finish reason").isNull();
	}

	private String hash(String json) {
		try {
			return this.keys.hash("chat", "m", null, JSON.readValue(json, ChatCompletionRequest.class), null);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] frame(String json) {
		return SseFrames.data(json.getBytes(StandardCharsets.UTF_8));
	}

}
