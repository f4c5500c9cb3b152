package dev.llmgw.fake.anthropic;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicErrorsTests {

	// 4 prompt words
	private static final String REQUEST = "{\"model\":\"%s\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"a b c d\"}]}";

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
	void rendersEachKindWithAnthropicsTypeAndStatus() {
		assertError("m;error=400", 400, "invalid_request_error");
		assertError("m;error=401", 401, "authentication_error");
		assertError("m;error=403", 403, "permission_error");
		assertError("m;error=404", 404, "not_found_error");
		assertError("m;error=413", 413, "request_too_large");
		assertError("m;error=500", 500, "api_error");
		assertError("m;error=overloaded", 529, "overloaded_error");
		assertError("m;error=529", 529, "overloaded_error");
		assertError("m;error=timeout", 504, "timeout_error");
		assertError("m;error=content_policy", 400, "invalid_request_error");
	}

	@Test
	void rateLimitCarriesRetryAfter() {
		HttpResponse<String> response = assertError("m;error=rate_limit;retry_after=4", 429, "rate_limit_error");
		assertThat(response.headers().firstValue("retry-after")).hasValue("4");
	}

	@Test
	void contextWindowQuotesThePromptSize() {
		HttpResponse<String> response = assertError("m;error=context", 400, "invalid_request_error");
		assertThat(TestServer.json(response.body()).path("error").path("message").asString())
			.isEqualTo("prompt is too long: 200004 tokens > 200000 maximum");
	}

	@Test
	void failTimesFailsOnlyTheFirstRequests() {
		String model = "m;error=529;fail_times=1;fail_key=" + getClass().getName();
		assertThat(server.post("/v1/messages", REQUEST.formatted(model)).statusCode()).isEqualTo(529);
		assertThat(server.post("/v1/messages", REQUEST.formatted(model)).statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> assertError(String model, int status, String type) {
		HttpResponse<String> response = server.post("/v1/messages", REQUEST.formatted(model));
		assertThat(response.statusCode()).isEqualTo(status);
		JsonNode body = TestServer.json(response.body());
		assertThat(body.path("type").asString()).isEqualTo("error");
		assertThat(body.path("error").path("type").asString()).isEqualTo(type);
		assertThat(body.path("error").path("message").asString()).isNotBlank();
		return response;
	}

}
