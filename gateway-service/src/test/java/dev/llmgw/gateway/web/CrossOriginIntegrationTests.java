package dev.llmgw.gateway.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser page on another origin can call the gateway, as it can call LiteLLM: the
 * preflight is answered without a key, and the answer lets the page read the gateway's
 * headers.
 */
class CrossOriginIntegrationTests extends GatewayTestBase {

	private static final String ORIGIN = "https://chat.example.com";

	@Test
	void preflightIsAnsweredWithoutAKey() {
		HttpResponse<String> preflight = send(request("/v1/chat/completions").header("Origin", ORIGIN)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
			.containsIgnoringCase("authorization");
	}

	@Test
	void answersLetThePageReadTheGatewaysHeaders() {
		HttpResponse<String> answer = send(request("/v1/chat/completions").header("Origin", ORIGIN)
			.header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "hello")))
			.build());
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().allValues("Access-Control-Allow-Origin")).containsExactly(ORIGIN);
		assertThat(answer.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
			.contains("x-litellm-call-id");
		HttpResponse<String> refused = send(request("/v1/chat/completions").header("Origin", ORIGIN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "hello")))
			.build());
		assertThat(refused.statusCode()).as("CORS lets the page read a refusal, it does not let it in").isEqualTo(401);
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
	}

	@Test
	void answersWithoutAnOriginVaryByTheCorsHeadersInOneLine() {
		HttpResponse<String> answer = post("/v1/chat/completions", chat("gpt-4o-mini", "hello"));
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().allValues("Vary"))
			.containsExactly("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
		assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> fromPage = send(request("/v1/chat/completions").header("Origin", ORIGIN)
			.header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "hello")))
			.build());
		assertThat(String.join(", ", fromPage.headers().allValues("Vary")))
			.isEqualTo("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
	}

}
