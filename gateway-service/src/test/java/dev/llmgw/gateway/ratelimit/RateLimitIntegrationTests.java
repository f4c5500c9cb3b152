package dev.llmgw.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits of keys, models and users through one gateway without Redis (in-process
 * counting).
 */
class RateLimitIntegrationTests extends GatewayTestBase {

	private AdminClient api;

	@BeforeEach
	void client() {
		this.api = new AdminClient(url(""));
	}

	@Test
	void requestsPerMinuteOfAKey() {
		String key = this.api.post("/key/generate", MASTER_KEY, Map.of("rpm_limit", 3)).text("/key");
		for (int i = 0; i < 3; i++) {
			var response = send(request("/v1/chat/completions").header("Authorization", "Bearer " + key)
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "x")))
				.build());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("x-ratelimit-limit-requests")).hasValue("3");
			assertThat(response.headers().firstValue("x-ratelimit-remaining-requests"))
				.hasValue(Integer.toString(2 - i));
			assertThat(response.headers().firstValue("x-ratelimit-api_key-remaining-requests"))
				.hasValue(Integer.toString(2 - i));
		}
		var refused = send(request("/v1/chat/completions").header("Authorization", "Bearer " + key)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "x")))
			.build());
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("Rate limit exceeded for api_key: ")
			.contains("Limit type: requests. Current limit: 3, Remaining: 0. Limit resets at: ")
			.contains("\"code\":\"429\"");
		long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 60L);
		assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
	}

	@Test
	void requestsPerMinutePerModelOfAKey() {
		String key = this.api.post("/key/generate", MASTER_KEY, Map.of("model_rpm_limit", Map.of("gpt-4o-mini", 1)))
			.text("/key");
		assertThat(this.api.chat(key, "gpt-4o-mini").status()).isEqualTo(200);
		Reply refused = this.api.chat(key, "gpt-4o-mini");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.text("/error/message")).contains("model_per_key");
		assertThat(this.api.chat(key, "gpt-4o").status()).as("other models are not limited").isEqualTo(200);
	}

	@Test
	void tokensPerMinuteOfAUser() throws InterruptedException {
		String key = this.api
			.post("/user/new", MASTER_KEY, Map.of("user_id", "tpm-" + java.util.UUID.randomUUID(), "tpm_limit", 10))
			.text("/key");
		// "a b c d e f" is 6 prompt tokens and the echo 9 completion tokens: 15, over the
		// user's 10
		assertThat(this.api
			.post("/v1/chat/completions", key,
					Map.of("model", "gpt-4o-mini", "messages",
							List.of(Map.of("role", "user", "content", "a b c d e f"))))
			.status()).isEqualTo(200);
		// tokens are counted once the response has ended, a moment after the caller has
		// it
		Reply refused = this.api.chat(key, "gpt-4o-mini");
		for (int i = 0; i < 20 && refused.status() == 200; i++) {
			Thread.sleep(50);
			refused = this.api.chat(key, "gpt-4o-mini");
		}
		assertThat(refused.status()).isEqualTo(429);
		// /user/new gives the user's first key the same tpm_limit, and the key's limit is
		// checked first
		assertThat(refused.text("/error/message")).contains("Rate limit exceeded for api_key: ")
			.contains("Limit type: tokens");
	}

	@Test
	void requestsInFlightOfAKey() throws Exception {
		String key = this.api.post("/key/generate", MASTER_KEY, Map.of("max_parallel_requests", 1)).text("/key");
		// slow-reply answers after 500 ms: two at once, one must be refused
		List<CompletableFuture<Integer>> calls = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			calls.add(CompletableFuture.supplyAsync(() -> this.api.chat(key, "slow-reply").status()));
		}
		List<Integer> statuses = new ArrayList<>();
		for (CompletableFuture<Integer> call : calls) {
			statuses.add(call.get());
		}
		assertThat(statuses).containsExactlyInAnyOrder(200, 429);
		assertThat(this.api.chat(key, "gpt-4o-mini").status()).as("the slot is free again").isEqualTo(200);
	}

}
