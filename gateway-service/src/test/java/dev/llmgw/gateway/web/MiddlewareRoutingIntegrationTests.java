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
 * With MIDDLEWARE_URL set, the gateway serves chat itself in one hop and hands the
 * middleware (here the fake LLM server stands in for it) only the chat requests that need
 * it, a managed prompt or chat history, and the middleware's own paths; requests marked
 * as coming from the middleware are never handed back.
 */
@ExtendWith(OutputCaptureExtension.class)
class MiddlewareRoutingIntegrationTests extends GatewayTestBase {

	private static final String PROMPT_ARN = "arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT12345";

	@DynamicPropertySource
	static void middleware(DynamicPropertyRegistry registry) {
		registry.add("gateway.middleware-url", () -> "http://127.0.0.1:" + FakeLlmServerProcess.shared().port());
	}

	@Test
	void plainChatIsServedHereInOneHop() {
		HttpResponse<String> response = postChat(chat("gpt-4o-mini", "one hop"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("mini-deployment");
	}

	@Test
	void chatAskingForHistoryOrAPromptIsHandedToTheMiddleware() {
		for (String body : List.of(withField("routed-model", "\"session_id\":\"s-1\""),
				withField("routed-model", "\"enable_history\":true"),
				withField("routed-model", "\"enable_history\":\"TRUE\""), chat(PROMPT_ARN, "a prompt"))) {
			HttpResponse<String> response = postChat(body);
			assertThat(response.statusCode()).as(body).isEqualTo(200);
			assertThat(response.headers().firstValue("x-litellm-model-id")).as("not answered by the gateway: " + body)
				.isEmpty();
		}
		HttpResponse<String> history = postChat(withField("routed-model", "\"session_id\":\"s-1\""));
		// the middleware got the body as it was sent
		assertThat(history.body()).contains("\"model\":\"routed-model\"").contains("You said: hello");
	}

	@Test
	void chatThatOnlyMentionsTheFieldsStaysHere() {
		for (String body : List.of(chat("gpt-4o-mini", "what is a session_id, and enable_history?"),
				withField("gpt-4o-mini", "\"session_id\":null"), withField("gpt-4o-mini", "\"session_id\":\" \""),
				withField("gpt-4o-mini", "\"enable_history\":false"),
				withField("gpt-4o-mini", "\"metadata\":{\"session_id\":\"nested\"}"),
				chat("gpt-4o-mini", "arn:aws:bedrock:us-east-1:1:prompt/X"))) {
			HttpResponse<String> response = postChat(body);
			assertThat(response.statusCode()).as(body).isEqualTo(200);
			assertThat(response.headers().firstValue("x-litellm-model-id")).as(body).hasValue("mini-deployment");
		}
	}

	@Test
	void badJsonThatMentionsAFieldIsToldHereInOpenAisShape() {
		HttpResponse<String> response = postChat("{\"model\":\"gpt-4o-mini\",\"session_id\":");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"error\"");
	}

	@Test
	void aCallerWithoutAKeyIsRefusedBeforeAnythingIsHandedOn() {
		HttpResponse<String> response = send(request("/v1/chat/completions").header("Authorization", "Bearer anything")
			.POST(HttpRequest.BodyPublishers.ofString(withField("routed-model", "\"session_id\":\"s-1\"")))
			.build());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void theMiddlewaresOwnPathsAreForwardedWithTheCallersHeaders() {
		HttpResponse<String> response = send(request("/user/new").header("Authorization", "Bearer anything")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		// the fake, standing in for the middleware, knows no such path; the gateway would
		// have refused the key
		assertThat(response.statusCode()).isEqualTo(404);
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
		HttpResponse<String> response = send(
				request("/v1/chat/completions").header("Authorization", "Bearer " + MASTER_KEY)
					.header(CallIdFilter.CALL_ID_HEADER, id)
					.POST(HttpRequest.BodyPublishers.ofString(withField("routed-model", "\"session_id\":\"s-2\"")))
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
	void crossOriginHeadersOfHandedOffChatAreTheMiddlewaresAlone() {
		HttpResponse<String> handedOff = send(
				request("/v1/chat/completions").header("Authorization", "Bearer " + MASTER_KEY)
					.header("Origin", "https://chat.example.com")
					.POST(HttpRequest.BodyPublishers.ofString(withField("routed-model", "\"enable_history\":true")))
					.build());
		assertThat(handedOff.statusCode()).isEqualTo(200);
		// the fake stands in for the middleware here and sets none: the gateway's were
		// taken back
		assertThat(handedOff.headers().allValues("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> withoutOrigin = send(
				request("/v1/chat/completions").header("Authorization", "Bearer " + MASTER_KEY)
					.POST(HttpRequest.BodyPublishers.ofString(withField("routed-model", "\"enable_history\":true")))
					.build());
		assertThat(withoutOrigin.statusCode()).isEqualTo(200);
		assertThat(withoutOrigin.headers().allValues("Vary")).doesNotContain(CrossOriginFilter.VARY);
		HttpResponse<String> servedHere = send(
				request("/v1/chat/completions").header("Authorization", "Bearer " + MASTER_KEY)
					.header("Origin", "https://chat.example.com")
					.POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "from a page")))
					.build());
		assertThat(servedHere.headers().allValues("Access-Control-Allow-Origin"))
			.containsExactly("https://chat.example.com");
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
	void aStreamIsServedHereChunkByChunk() {
		HttpResponse<String> response = postChat(streamChat("gpt-4o-mini", "stream", true));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("mini-deployment");
		assertThat(response.body()).contains("data: [DONE]");
	}

	@Test
	void otherPathsAreServedHere() {
		assertThat(send(request("/v1/models").GET().build()).statusCode()).isEqualTo(401);
		assertThat(get("/v1/models").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> postChat(String body) {
		return send(request("/v1/chat/completions").header("Authorization", "Bearer " + MASTER_KEY)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private static String withField(String model, String field) {
		return "{\"model\":\"" + model + "\"," + field + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
	}

}
