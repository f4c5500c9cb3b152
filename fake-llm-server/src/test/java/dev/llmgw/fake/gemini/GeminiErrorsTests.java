package dev.llmgw.fake.gemini;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiErrorsTests {

	// 4 prompt words
	private static final String REQUEST = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a b c d\"}]}]}";

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
	void rendersEachKindWithGooglesStatus() {
		assertError("error=400", 400, "INVALID_ARGUMENT");
		assertError("error=401", 401, "UNAUTHENTICATED");
		assertError("error=403", 403, "PERMISSION_DENIED");
		assertError("error=404", 404, "NOT_FOUND");
		assertError("error=500", 500, "INTERNAL");
		assertError("error=503", 503, "UNAVAILABLE");
		assertError("error=timeout", 504, "DEADLINE_EXCEEDED");
	}

	@Test
	void rateLimitCarriesRetryAfterAndRetryInfo() {
		HttpResponse<String> response = assertError("error=429;retry_after=7", 429, "RESOURCE_EXHAUSTED");
		assertThat(response.headers().firstValue("retry-after")).hasValue("7");
		JsonNode detail = TestServer.json(response.body()).path("error").path("details").get(0);
		assertThat(detail.path("@type").asString()).isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
		assertThat(detail.path("retryDelay").asString()).isEqualTo("7s");
	}

	@Test
	void contextWindowQuotesTheTokenCount() {
		HttpResponse<String> response = assertError("error=context", 400, "INVALID_ARGUMENT");
		assertThat(TestServer.json(response.body()).path("error").path("message").asString())
			.isEqualTo("The input token count (1048580) exceeds the maximum number of tokens allowed (1048576).");
	}

	@Test
	void theErrorHeaderSteersToo() {
		HttpResponse<String> response = server.post("/v1beta/models/g:generateContent", REQUEST, "x-fake-error", "503");
		assertThat(response.statusCode()).isEqualTo(503);
	}

	private static HttpResponse<String> assertError(String directives, int status, String name) {
		HttpResponse<String> response = server.post("/v1beta/models/g;" + directives + ":generateContent", REQUEST);
		assertThat(response.statusCode()).isEqualTo(status);
		JsonNode error = TestServer.json(response.body()).path("error");
		assertThat(error.path("code").asInt()).isEqualTo(status);
		assertThat(error.path("status").asString()).isEqualTo(name);
		assertThat(error.path("message").asString()).isNotBlank();
		return response;
	}

}
