package dev.llmgw.gateway.auth;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys in each header that clients use, and refusals that never echo a key back. */
class AuthenticationIntegrationTests extends GatewayTestBase {

	private static final String BODY = chat("gpt-4o-mini", "hi");

	@Test
	void masterKeyInEachSupportedHeader() {
		assertThat(call("Authorization", "Bearer " + MASTER_KEY).statusCode()).isEqualTo(200);
		assertThat(call("Authorization", "bearer " + MASTER_KEY).statusCode()).isEqualTo(200);
		assertThat(call("x-api-key", MASTER_KEY).statusCode()).isEqualTo(200);
		assertThat(call("x-litellm-api-key", MASTER_KEY).statusCode()).isEqualTo(200);
		assertThat(call("x-goog-api-key", MASTER_KEY).statusCode()).isEqualTo(200);
		assertThat(call("api-key", MASTER_KEY).statusCode()).isEqualTo(200);
	}

	@Test
	void missingKeyIs401() {
		HttpResponse<String> response = send(
				request("/v1/chat/completions").POST(HttpRequest.BodyPublishers.ofString(BODY)).build());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"type\":\"auth_error\"")
			.contains("Malformed API Key passed in. Ensure Key has `Bearer ` prefix.")
			.contains("\"code\":\"401\"");
		assertThat(response.headers().firstValue("x-litellm-call-id")).isPresent();
	}

	@Test
	void wrongKeyIs401AndIsNeverEchoedInFull() {
		String wrong = "sk-wrong-key-abcdefghijkl";
		HttpResponse<String> response = call("Authorization", "Bearer " + wrong);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("Invalid proxy server token passed. Received API Key = sk-...ijkl")
			.contains("\"type\":\"token_not_found_in_db\"")
			.contains("\"param\":\"key\"")
			.doesNotContain(wrong);
		HttpResponse<String> notVirtual = call("Authorization", "Bearer abcdefghwxyz");
		assertThat(notVirtual.body()).contains("LiteLLM Virtual Key expected. Received=abcd****wxyz");
		assertThat(call("Authorization", "Bearer " + MASTER_KEY + "x").statusCode()).isEqualTo(401);
		assertThat(call("Authorization", "Bearer").statusCode()).isEqualTo(401);
	}

	@Test
	void everyNonProbeRouteNeedsAKey() {
		assertThat(send(request("/v1/models").GET().build()).statusCode()).isEqualTo(401);
		assertThat(send(request("/health").GET().build()).statusCode()).isEqualTo(401);
		assertThat(send(request("/health/liveliness").GET().build()).statusCode()).isEqualTo(200);
		assertThat(send(request("/health/readiness").GET().build()).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> call(String header, String value) {
		return send(request("/v1/chat/completions").header(header, value)
			.POST(HttpRequest.BodyPublishers.ofString(BODY))
			.build());
	}

}
