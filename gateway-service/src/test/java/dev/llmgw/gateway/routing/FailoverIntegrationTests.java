package dev.llmgw.gateway.routing;

import java.net.http.HttpResponse;

import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries, cooldowns and fallbacks through the gateway, against the fake server's steered
 * failures: each answer says what happened in LiteLLM's headers.
 */
class FailoverIntegrationTests extends GatewayTestBase {

	@Test
	void aFailingDeploymentIsRetriedElsewhereThenRestsWhileTheHealthyOneTakesEveryCall() {
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> response = post("/v1/chat/completions", retrying("flaky", 1));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("flaky-healthy");
			// as LiteLLM: the call's retry budget once a retry was made, else nothing
			boolean retried = response.headers().firstValue("x-litellm-attempted-retries").orElseThrow().equals("1");
			assertThat(response.headers().firstValue("x-litellm-max-retries"))
				.isEqualTo(retried ? java.util.Optional.of("1") : java.util.Optional.empty());
		}
		// more than allowed_fails (1) failures in the minute put flaky-broken to rest
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> response = post("/v1/chat/completions", retrying("flaky", 1));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("x-litellm-attempted-retries")).hasValue("0");
			assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("flaky-healthy");
		}
	}

	@Test
	void aTimeoutIsRetriedOnAnotherDeployment() {
		boolean sawRetry = false;
		// each call picks one of the two at random: 8 calls missed slow-one once in 256
		// runs
		// (it happened), 20 once in a million
		for (int i = 0; i < 20 && !sawRetry; i++) {
			HttpResponse<String> response = post("/v1/chat/completions", retrying("slow-or-fast", 1));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("fast-one");
			sawRetry = response.headers().firstValue("x-litellm-attempted-retries").orElse("0").equals("1");
		}
		assertThat(sawRetry).as("slow-one was picked at least once in 20 calls and timed out").isTrue();
	}

	@Test
	void aDeploymentsOwnMaxRetriesRetriesTheSameDeployment() {
		// the fake fails the first call for this key, then answers
		send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:"
					+ dev.llmgw.gateway.support.FakeLlmServerProcess.shared().port() + "/fake/reset"))
			.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
			.build());
		HttpResponse<String> response = post("/v1/chat/completions", chat("hiccup", "again"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("x-litellm-attempted-retries")).hasValue("1");
	}

	@Test
	void aRequestSetsItsOwnTimeout() {
		HttpResponse<String> response = post("/v1/chat/completions",
				"{\"model\":\"slow-reply\",\"timeout\":0.1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(408);
		assertThat(response.body()).contains("0.1s");
	}

	@Test
	void withoutRetriesTheErrorReachesTheCaller() {
		HttpResponse<String> response = post("/v1/chat/completions", chat("always-down", "x"));
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("x-litellm-attempted-retries")).hasValue("0");
		assertThat(response.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("0");
	}

	@Test
	void aContextWindowErrorFallsBackToTheLargerGroup() {
		HttpResponse<String> response = post("/v1/chat/completions", chat("small-window", "a long prompt"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("You said: a long prompt");
		assertThat(response.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("1");
		assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("big-window");
	}

	@Test
	void aContentPolicyErrorFallsBackToItsOwnFallback() {
		HttpResponse<String> response = post("/v1/chat/completions", chat("moderated", "something edgy"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("lenient");
		assertThat(response.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("1");
	}

	@Test
	void theRequestCanNameItsOwnFallbacks() {
		HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"always-down\","
				+ "\"fallbacks\":[\"lenient\"],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("lenient");
	}

	@Test
	void aRequestsOwnFallbacksAreHeldToTheKeysModels() {
		dev.llmgw.gateway.support.AdminClient admin = new dev.llmgw.gateway.support.AdminClient(url(""));
		String key = admin
			.post("/key/generate", MASTER_KEY,
					java.util.Map.of("models", java.util.List.of("always-down", "big-window")))
			.text("/key");
		// a key limited to a failing group must not reach another group by naming it as
		// a fallback: either form of the request's list
		for (String fallbacks : java.util.List.of("[\"lenient\"]", "[{\"always-down\":[\"lenient\"]}]",
				"[\"big-window\",\"lenient\"]")) {
			HttpResponse<String> refused = send(request("/v1/chat/completions").header("Authorization", "Bearer " + key)
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\":\"always-down\",\"fallbacks\":"
						+ fallbacks + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
				.build());
			assertThat(refused.statusCode()).as(fallbacks + ": " + refused.body()).isEqualTo(401);
			assertThat(refused.body()).contains("key_model_access_denied").contains("Tried to access lenient");
		}
		HttpResponse<String> allowed = send(request("/v1/chat/completions").header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\":\"always-down\","
					+ "\"fallbacks\":[\"big-window\"],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
			.build());
		assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("1");
	}

	@Test
	void aStreamFallsBackBeforeItsFirstByte() {
		HttpResponse<String> response = post("/v1/chat/completions", streamChat("small-window", "stream me", false));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("stream").endsWith("data: [DONE]\n\n");
		assertThat(response.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("1");
		assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("big-window");
	}

	private static String retrying(String model, int retries) {
		return "{\"model\":\"" + model + "\",\"num_retries\":" + retries
				+ ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
	}

}
