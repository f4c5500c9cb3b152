package dev.llmgw.fake.openai;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiErrorsTests {

	// 4 prompt words
	private static final String REQUEST = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"a b c d\"}]}";

	private static TestServer server;

	@BeforeAll
	static void start() {
		server = TestServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void rateLimitCarriesRetryAfter() {
		HttpResponse<String> response = chat("gpt-4o;error=429");
		assertError(response, 429, "Rate limit reached for requests", "requests", null, "rate_limit_exceeded");
		assertThat(response.headers().firstValue("retry-after")).hasValue("1");
		assertThat(chat("gpt-4o;error=429;retry_after=7").headers().firstValue("retry-after")).hasValue("7");
	}

	@Test
	void serverErrors() {
		HttpResponse<String> internal = chat("m;error=500");
		assertError(internal, 500, "The server had an error while processing your request.", "server_error", null,
				null);
		assertThat(internal.headers().firstValue("retry-after")).isEmpty();
		assertError(chat("m;error=503"), 503, "The engine is currently overloaded, please try again later",
				"server_error", null, null);
	}

	@Test
	void clientErrors() {
		assertError(chat("m;error=401"), 401, "Incorrect API key provided.", "invalid_request_error", null,
				"invalid_api_key");
		assertError(chat("m;error=400"), 400, "Invalid request.", "invalid_request_error", null, null);
		assertError(chat("m;error=content_policy"), 400, "Your request was rejected as a result of our safety system.",
				"invalid_request_error", null, "content_policy_violation");
	}

	@Test
	void contextLengthQuotesThePromptSize() {
		assertError(chat("m;error=context"), 400,
				"This model's maximum context length is 8192 tokens. However, your messages resulted in 9004 tokens. "
						+ "Please reduce the length of the messages.",
				"invalid_request_error", "messages", "context_length_exceeded");
	}

	@Test
	void otherStatusesAreTakenAsIs() {
		assertThat(chat("m;error=404").statusCode()).isEqualTo(404);
		assertThat(chat("m;error=502").statusCode()).isEqualTo(502);
	}

	@Test
	void theErrorHeaderWinsOverTheModelName() {
		HttpResponse<String> response = server.post("/v1/chat/completions", REQUEST.formatted("m;error=500"),
				"x-fake-error", "429", "x-fake-retry-after", "3");
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("retry-after")).hasValue("3");
	}

	@Test
	void failTimesFailsOnlyTheFirstRequestsPerKey() {
		String model = "m;error=503;fail_times=2;fail_key=" + getClass().getName();
		assertThat(chat(model).statusCode()).isEqualTo(503);
		assertThat(chat(model).statusCode()).isEqualTo(503);
		assertThat(chat(model).statusCode()).isEqualTo(200);
		assertThat(chat(model).statusCode()).isEqualTo(200);
	}

	@Test
	void failTimesCountsPerModelStringByDefault() {
		assertThat(chat("a;error=500;fail_times=1").statusCode()).isEqualTo(500);
		assertThat(chat("b;error=500;fail_times=1").statusCode()).isEqualTo(500);
		assertThat(chat("a;error=500;fail_times=1").statusCode()).isEqualTo(200);
		HttpResponse<String> keyed = server.post("/v1/chat/completions", REQUEST.formatted("c;error=500;fail_times=1"),
				"x-fake-fail-key", "b;error=500;fail_times=1");
		assertThat(keyed.statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> chat(String model) {
		return server.post("/v1/chat/completions", REQUEST.formatted(model));
	}

	private static void assertError(HttpResponse<String> response, int status, String message, String type,
			String param, String code) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
		JsonNode body = TestServer.json(response.body());
		assertThat(body.size()).isEqualTo(1);
		JsonNode error = body.path("error");
		assertThat(error.size()).isEqualTo(4);
		assertThat(error.path("message").asString()).isEqualTo(message);
		assertThat(error.path("type").asString()).isEqualTo(type);
		assertNullable(error.path("param"), param);
		assertNullable(error.path("code"), code);
	}

	private static void assertNullable(JsonNode node, String expected) {
		if (expected == null) {
			assertThat(node.isNull()).isTrue();
		}
		else {
			assertThat(node.asString()).isEqualTo(expected);
		}
	}

}
