package dev.llmgw.gateway.web;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws generated bad input at every POST model route, every admin POST route and the
 * info routes' query parameters, from a seeded generator so that a failure can be
 * replayed: nulls, wrong JSON types, NUL characters, huge strings, deep nesting, arrays
 * where objects go, unusual unicode, numbers out of range, truncated and non-UTF-8 JSON.
 * Every answer must be below 500, in the route's error shape, and the gateway must still
 * answer afterwards. Runs against PostgreSQL, whose refusal of NUL in text is what turned
 * bad input into 500s. Set {@code -Dfuzz.seed} to replay a run and
 * {@code -Dfuzz.perRoute} for a longer one.
 */
class BadInputFuzzIntegrationTests extends GatewayTestBase {

	private static final long SEED = Long.getLong("fuzz.seed", 20261206L);

	private static final int PER_ROUTE = Integer.getInteger("fuzz.perRoute", 200);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		registry.add("gateway.database-url", () -> databaseUrl);
	}

	@Test
	void generatedBadInputNeverCostsA500() throws Exception {
		Random random = new Random(SEED);
		List<Attempt> attempts = new ArrayList<>();
		routes().forEach((path, template) -> {
			for (int i = 0; i < PER_ROUTE; i++) {
				attempts.add(new Attempt("POST", path, mutate(random, template)));
			}
		});
		for (String path : List.of("/key/info?key=", "/team/info?team_id=", "/user/info?user_id=",
				"/customer/info?end_user_id=", "/key/list?key_alias=", "/user/list?user_email=", "/spend/logs?user_id=",
				"/model/info?litellm_model_id=", "/v2/team/list?team_alias=", "/v2/team/list?page=",
				"/user/list?user_ids=", "/organization/list?org_alias=", "/organization/info?organization_id=",
				"/global/spend/keys?limit=", "/user/daily/activity?start_date=2026-01-01&end_date=",
				"/team/daily/activity?start_date=2026-01-01&end_date=2026-01-02&team_ids=",
				"/global/spend/tags?start_date=2026-01-01&end_date=2026-01-02&tags=",
				"/tag/daily/activity?start_date=2026-01-01&end_date=2026-01-02&tags=")) {
			for (int i = 0; i < PER_ROUTE / 2; i++) {
				attempts.add(new Attempt("GET", path + queryValue(random), null));
			}
		}
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<CompletableFuture<Void>> running = new ArrayList<>();
			for (Attempt attempt : attempts) {
				running.add(CompletableFuture.runAsync(() -> check(attempt, failures), pool));
			}
			CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
		}
		// a few examples of each route's failures, so that one noisy route hides no other
		Map<String, List<String>> examples = new java.util.TreeMap<>();
		failures.forEach((failure) -> {
			String path = failure.substring(0, failure.indexOf(' ', 5));
			List<String> route = examples.computeIfAbsent(path.replaceAll("\\?.*", ""), (key) -> new ArrayList<>());
			if (route.size() < 3) {
				route.add(failure);
			}
		});
		assertThat(examples).as("seed %d: %d of %d requests failed, e.g.", SEED, failures.size(), attempts.size())
			.isEmpty();
		assertThat(get("/health/liveliness").statusCode()).as("the gateway still answers").isEqualTo(200);
		assertThat(post("/v1/chat/completions", chat("gpt-4o-mini", "still there")).statusCode()).isEqualTo(200);
	}

	private void check(Attempt attempt, ConcurrentLinkedQueue<String> failures) {
		HttpRequest.Builder request = request(attempt.path()).header("Authorization", "Bearer " + MASTER_KEY);
		if (attempt.body() != null) {
			request.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
		}
		HttpResponse<String> response;
		try {
			response = send(request.build());
		}
		catch (IllegalStateException ex) {
			failures.add(attempt.method() + " " + abbreviate(attempt.path()) + " -> no answer: " + ex.getMessage());
			return;
		}
		String problem = problem(attempt.path(), response);
		if (problem != null) {
			String sent = (attempt.body() != null) ? new String(attempt.body(), StandardCharsets.UTF_8) : "";
			failures.add(attempt.method() + " " + abbreviate(attempt.path()) + " " + abbreviate(sent) + " -> "
					+ response.statusCode() + " " + abbreviate(response.body()) + ": " + problem);
		}
	}

	/** What is wrong with an answer, or null. */
	private static String problem(String path, HttpResponse<String> response) {
		int status = response.statusCode();
		if (status >= 500) {
			return "a server error";
		}
		if (status < 400) {
			return null;
		}
		JsonNode body;
		try {
			body = JSON.readTree(response.body());
		}
		catch (RuntimeException ex) {
			return "not a JSON error body";
		}
		boolean anthropic = path.startsWith("/v1/messages") || path.startsWith("/anthropic/v1/messages");
		if (anthropic) {
			return (body.path("type").asString("").equals("error") && body.at("/error/message").isString()) ? null
					: "not Anthropic's error shape";
		}
		return (body.at("/error/message").isString() && body.at("/error/type").isString()) ? null
				: "not OpenAI's error shape";
	}

	/** Each route with a body it would accept, which the generator then spoils. */
	private static Map<String, Map<String, Object>> routes() {
		Map<String, Object> messages = Map.of("role", "user", "content", "hi");
		Map<String, Object> metadata = Map.of("tag", "fuzz", "nested", Map.of("k", List.of("v")));
		Map<String, Map<String, Object>> routes = new LinkedHashMap<>();
		routes.put("/v1/chat/completions", Map.of("model", "gpt-4o-mini", "messages", List.of(messages), "user",
				"fuzz-user", "metadata", metadata, "max_tokens", 5, "temperature", 0.5, "stop", List.of("x")));
		routes.put("/v1/completions",
				Map.of("model", "gpt-4o-mini", "prompt", "hi", "user", "fuzz-user", "max_tokens", 5));
		routes.put("/v1/embeddings",
				Map.of("model", "text-embedding-3-small", "input", List.of("hi"), "user", "fuzz-user"));
		routes.put("/v1/images/generations", Map.of("model", "gpt-4o-mini", "prompt", "a cat", "n", 1, "user", "u"));
		routes.put("/v1/messages", Map.of("model", "gpt-4o-mini", "max_tokens", 5, "messages", List.of(messages),
				"system", "be brief", "metadata", Map.of("user_id", "fuzz-user")));
		routes.put("/v1/messages/count_tokens", Map.of("model", "gpt-4o-mini", "messages", List.of(messages)));
		// the aliases, the model in the path where Azure puts it
		routes.put("/chat/completions", routes.get("/v1/chat/completions"));
		routes.put("/openai/deployments/gpt-4o-mini/chat/completions", routes.get("/v1/chat/completions"));
		routes.put("/engines/gpt-4o-mini/completions", routes.get("/v1/completions"));
		routes.put("/openai/deployments/text-embedding-3-small/embeddings", routes.get("/v1/embeddings"));
		routes.put("/openai/deployments/gpt-4o-mini/images/generations", routes.get("/v1/images/generations"));
		routes.put("/anthropic/v1/messages", routes.get("/v1/messages"));
		Map<String, Object> admin = new LinkedHashMap<>();
		admin.put("key", "sk-fuzz-key-0001");
		admin.put("keys", List.of("sk-fuzz-key-0001"));
		admin.put("key_alias", "fuzz-alias");
		admin.put("key_aliases", List.of("fuzz-alias"));
		admin.put("user_id", "fuzz-user");
		admin.put("user_ids", List.of("fuzz-user"));
		admin.put("user_email", "fuzz@example.com");
		admin.put("user_role", "internal_user");
		admin.put("team_id", "fuzz-team");
		admin.put("team_ids", List.of("fuzz-team"));
		admin.put("team_alias", "fuzz-team-alias");
		admin.put("member", Map.of("user_id", "fuzz-user", "role", "user"));
		admin.put("members_with_roles", List.of(Map.of("user_id", "fuzz-user", "role", "user")));
		admin.put("models", List.of("gpt-4o-mini"));
		admin.put("metadata", metadata);
		admin.put("tags", List.of("fuzz"));
		admin.put("max_budget", 10);
		admin.put("budget_duration", "30d");
		admin.put("duration", "1d");
		admin.put("tpm_limit", 1000);
		admin.put("rpm_limit", 100);
		admin.put("alias", "fuzz-customer");
		admin.put("default_model", "gpt-4o-mini");
		admin.put("model_max_budget", Map.of("gpt-4o-mini", Map.of("budget_limit", 1)));
		admin.put("model_name", "fuzz-model");
		admin.put("litellm_params", Map.of("model", "openai/gpt-4o-mini", "api_key", "sk-fake"));
		admin.put("model_info", Map.of("id", "fuzz-model-id"));
		admin.put("id", "fuzz-model-id");
		admin.put("organization_id", "fuzz-org");
		admin.put("organization_ids", List.of("fuzz-org"));
		admin.put("organization_alias", "fuzz-org-alias");
		admin.put("organizations", List.of("fuzz-org"));
		admin.put("budget_id", "fuzz-budget");
		admin.put("budgets", List.of("fuzz-budget"));
		admin.put("role", "user");
		admin.put("messages", List.of(messages));
		admin.put("model", "gpt-4o-mini");
		admin.put("completion_response", Map.of("model", "gpt-4o-mini", "usage", Map.of("prompt_tokens", 1)));
		admin.put("startTime", "2026-01-01");
		for (String path : List.of("/key/generate", "/key/update", "/key/delete", "/key/regenerate", "/key/block",
				"/key/unblock", "/user/new", "/user/update", "/user/delete", "/team/new", "/team/update",
				"/team/delete", "/team/member_add", "/team/member_delete", "/team/block", "/team/unblock",
				"/customer/new", "/customer/update", "/customer/delete", "/customer/block", "/customer/unblock",
				"/end_user/new", "/key/sk-fuzz-key-0001/regenerate", "/model/new", "/model/update", "/model/delete",
				"/team/member_update", "/team/model/add", "/team/model/delete", "/key/health", "/spend/calculate",
				"/budget/new", "/budget/update", "/budget/info", "/budget/delete", "/organization/new",
				"/organization/update", "/organization/delete", "/organization/info", "/organization/member_add",
				"/organization/member_update", "/organization/member_delete", "/global/spend/end_users")) {
			routes.put(path, admin);
		}
		return routes;
	}

	private static byte[] mutate(Random random, Map<String, Object> template) {
		switch (random.nextInt(12)) {
			case 0:
				return bytes(
						List.of("null", "[]", "[{}]", "42", "\"text\"", "true", "{}", "[null]").get(random.nextInt(8)));
			case 1: {
				String json = JSON.writeValueAsString(template);
				return bytes(json.substring(0, random.nextInt(json.length())));
			}
			case 2: {
				// invalid UTF-8 inside a string
				byte[] json = bytes(JSON.writeValueAsString(template).replace("hi", "\u0001\u0001"));
				for (int i = 0; i < json.length; i++) {
					if (json[i] == 1) {
						json[i] = (byte) 0xC3;
						json[i + 1] = (byte) 0x28;
						break;
					}
				}
				return json;
			}
			case 3: {
				// nesting deeper than any writer would produce
				int depth = 400 + random.nextInt(5000);
				String key = new ArrayList<>(template.keySet()).get(random.nextInt(template.size()));
				Map<String, Object> rest = new LinkedHashMap<>(template);
				rest.remove(key);
				String json = JSON.writeValueAsString(rest);
				return bytes("{\"" + key + "\":" + "[".repeat(depth) + "]".repeat(depth)
						+ (rest.isEmpty() ? "}" : "," + json.substring(1)));
			}
			default: {
				Object spoilt = spoil(random, copy(template), 0);
				return bytes(JSON.writeValueAsString(spoilt));
			}
		}
	}

	/** Replaces one value somewhere in the tree, or wraps or adds one. */
	@SuppressWarnings("unchecked")
	private static Object spoil(Random random, Object value, int depth) {
		if (value instanceof Map<?, ?> map && !map.isEmpty() && random.nextInt(4) != 0) {
			Map<String, Object> copy = (Map<String, Object>) map;
			List<String> keys = new ArrayList<>(copy.keySet());
			String key = keys.get(random.nextInt(keys.size()));
			if (random.nextInt(8) == 0) {
				copy.put(badString(random), badValue(random));
			}
			else {
				copy.put(key, spoil(random, copy.get(key), depth + 1));
			}
			return copy;
		}
		if (value instanceof List<?> list && !list.isEmpty() && random.nextInt(3) != 0) {
			List<Object> copy = (List<Object>) list;
			int index = random.nextInt(copy.size());
			copy.set(index, spoil(random, copy.get(index), depth + 1));
			return copy;
		}
		if (value instanceof Map<?, ?> && random.nextInt(3) == 0) {
			// an array where an object goes
			return List.of(value);
		}
		return badValue(random);
	}

	private static Object badValue(Random random) {
		return switch (random.nextInt(14)) {
			case 0, 1 -> nullValue();
			case 2 -> badString(random);
			case 3 -> random.nextBoolean();
			case 4 -> List.of();
			case 5 -> Map.of();
			case 6 -> new java.math.BigInteger("9".repeat(1 + random.nextInt(40)));
			case 7 -> List.of(-1, -9223372036854775807L, 1.0e308, -0.0).get(random.nextInt(4));
			case 8 -> new java.math.BigDecimal("1e" + (300 + random.nextInt(200)));
			case 9 -> nested(random.nextInt(400));
			case 10 -> java.util.Arrays.asList(nullValue(), badString(random));
			case 11 -> Map.of(badString(random), badString(random));
			default -> badString(random);
		};
	}

	private static String badString(Random random) {
		return switch (random.nextInt(8)) {
			case 0 -> "nul\u0000inside";
			case 1 -> "\u0000";
			case 2 -> "x".repeat(10_000 + random.nextInt(100_000));
			case 3 -> "\u202Eright-to-left \uD83D\uDE00 \u0301\uFEFF";
			case 4 -> "line\nbreak\r\tACCESS forged";
			case 5 -> "";
			case 6 -> "%00%0a../../etc/passwd' OR '1'='1";
			default -> "\u00e9\u4e2d\u0000\uD83D\uDE00".repeat(1 + random.nextInt(3000));
		};
	}

	private static Object nested(int depth) {
		Object value = List.of();
		for (int i = 0; i < depth; i++) {
			value = (i % 2 == 0) ? List.of(value) : Map.of("a", value);
		}
		return value;
	}

	private static String queryValue(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> "%00";
			case 1 -> "sk-abc%00def";
			case 2 -> "x".repeat(256 + random.nextInt(3000));
			case 3 -> "%E2%82%28%C3";
			case 4 -> "a&key=&team_id&user_id=%0A";
			default -> {
				String encoded = URLEncoder.encode(badString(random), StandardCharsets.UTF_8);
				// cut, but not inside an escape, which the client would refuse to send
				yield encoded.substring(0, Math.min(encoded.length(), 3500)).replaceAll("%.?$", "");
			}
		};
	}

	private static Object nullValue() {
		return JSON.nullNode();
	}

	@SuppressWarnings("unchecked")
	private static Object copy(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((k, v) -> copy.put((String) k, copy(v)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>();
			list.forEach((item) -> copy.add(copy(item)));
			return copy;
		}
		return value;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String abbreviate(String text) {
		return (text.length() <= 160) ? text : text.substring(0, 160) + "...(" + text.length() + " chars)";
	}

	private record Attempt(String method, String path, byte[] body) {
	}

}
