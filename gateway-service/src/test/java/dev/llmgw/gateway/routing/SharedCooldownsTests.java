package dev.llmgw.gateway.routing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.llmgw.gateway.support.TestGatewayConfig;
import dev.llmgw.gateway.support.TwoGatewaysTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances sharing Redis share cooldowns: failures seen by the first put the failing
 * deployment to rest on the second, which then never sends it a call.
 */
class SharedCooldownsTests extends TwoGatewaysTestBase {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void aCooldownStartedOnOneInstanceHoldsOnTheOther() throws Exception {
		// the first instance meets flaky-broken until it rests (allowed_fails is 1; a run
		// a moment ago may have left failures counted in Redis, so once may be enough)
		int brokenSeen = 0;
		int cleanStreak = 0;
		for (int i = 0; i < 80 && cleanStreak < 20; i++) {
			HttpResponse<String> response = chat(a.baseUrl());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			boolean retried = retried(response);
			brokenSeen += retried ? 1 : 0;
			cleanStreak = retried ? 0 : cleanStreak + 1;
		}
		assertThat(brokenSeen).as("flaky-broken failed on the first instance").isPositive();
		assertThat(cleanStreak).as("then rested there").isEqualTo(20);
		// the announcement travels over Redis pub/sub: after a moment, not one call on
		// the
		// second instance may meet flaky-broken, not even a first one
		Thread.sleep(300);
		for (int i = 0; i < 30; i++) {
			HttpResponse<String> response = chat(b.baseUrl());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(retried(response)).as("call %d on the second instance was retried", i).isFalse();
			assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("flaky-healthy");
		}
	}

	private static boolean retried(HttpResponse<String> response) {
		return !response.headers().firstValue("x-litellm-attempted-retries").orElse("0").equals("0");
	}

	private static HttpResponse<String> chat(String baseUrl) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
			.header("Authorization", "Bearer " + TestGatewayConfig.MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"model\":\"flaky\",\"num_retries\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
