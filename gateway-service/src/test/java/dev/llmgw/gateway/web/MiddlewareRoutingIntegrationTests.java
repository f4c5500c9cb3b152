package dev.llmgw.gateway.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With MIDDLEWARE_URL set, the gateway forwards the middleware's paths itself (here the
 * fake LLM server stands in for the middleware), keeps requests marked as coming from the
 * middleware, and serves everything else.
 */
@ExtendWith(OutputCaptureExtension.class)
class MiddlewareRoutingIntegrationTests extends GatewayTestBase {

	@DynamicPropertySource
	static void middleware(DynamicPropertyRegistry registry) {
		registry.add("gateway.middleware-url", () -> "http://127.0.0.1:" + FakeLlmServerProcess.shared().port());
	}

	@Test
	void middlewarePathsAreForwardedWithTheCallersHeaders() {
		HttpResponse<String> response = send(request("/v1/chat/completions").header("Authorization", "Bearer anything")
			.POST(HttpRequest.BodyPublishers.ofString(chat("routed-model", "via the middleware")))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"model\":\"routed-model\"").contains("You said: via the middleware");
		assertThat(response.headers().firstValue("x-litellm-model-id")).as("not answered by the gateway").isEmpty();
	}

	/**
	 * A forwarded call keeps the caller's id (the middleware passes it on to the gateway
	 * it calls, which reuses it; the middleware's own tests follow it there), the answer
	 * carries it once, and this gateway's line for it is marked as a hop, not a call with
	 * no model.
	 */
	@Test
	void aForwardedCallKeepsTheCallersIdAndIsLoggedAsAHop(CapturedOutput output) throws Exception {
		String id = "forwarded-" + System.nanoTime();
		HttpResponse<String> response = send(request("/v1/chat/completions").header("Authorization", "Bearer anything")
			.header(CallIdFilter.CALL_ID_HEADER, id)
			.POST(HttpRequest.BodyPublishers.ofString(chat("routed-model", "one id")))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues(CallIdFilter.CALL_ID_HEADER)).containsExactly(id);
		assertThat(response.headers().allValues(CallIdFilter.VERSION_HEADER)).hasSize(1);
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (!output.getOut().contains("call_id=" + id + " ") && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("call_id=" + id + " ")).toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains("ACCESS").contains("hop=middleware").doesNotContain("model=");
	}

	@Test
	void crossOriginHeadersOfForwardedPathsAreTheMiddlewaresAlone() {
		HttpResponse<String> response = send(request("/v1/chat/completions").header("Authorization", "Bearer anything")
			.header("Origin", "https://chat.example.com")
			.POST(HttpRequest.BodyPublishers.ofString(chat("routed-model", "from a page")))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		// the fake stands in for the middleware here and sets none: the gateway added
		// none either
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void requestsFromTheMiddlewareStayInTheGateway() {
		HttpResponse<String> anonymous = send(
				request("/v1/chat/completions").header(MiddlewarePaths.FROM_MIDDLEWARE_HEADER, "1")
					.POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "x")))
					.build());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		HttpResponse<String> authorized = send(
				request("/v1/chat/completions").header(MiddlewarePaths.FROM_MIDDLEWARE_HEADER, "1")
					.header("Authorization", "Bearer " + MASTER_KEY)
					.POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "x")))
					.build());
		assertThat(authorized.statusCode()).isEqualTo(200);
		assertThat(authorized.headers().firstValue("x-litellm-model-id")).hasValue("mini-deployment");
	}

	@Test
	void otherPathsAreServedHere() {
		assertThat(send(request("/v1/models").GET().build()).statusCode()).isEqualTo(401);
		assertThat(get("/v1/models").statusCode()).isEqualTo(200);
	}

}
