package dev.llmgw.gateway.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.llmgw.gateway.support.GatewayTestBase;
import dev.llmgw.model.json.RecordCreators;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.ServerResponseResultHandler;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat completions through the gateway to the fake LLM server, JSON and streaming,
 * success and failure.
 */
class ChatCompletionsIntegrationTests extends GatewayTestBase {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private JsonMapper gatewayMapper;

	@Autowired
	private List<WebFilter> filters;

	@Autowired
	private ServerResponseResultHandler serverResponses;

	@Autowired
	@Qualifier("openAiRoutes")
	private RouterFunction<ServerResponse> openAiRoutes;

	@Test
	void requestRecordsAreBuiltThroughDirectConstructorHandles() {
		assertThat(this.gatewayMapper.registeredModules()).anyMatch(RecordCreators.class::isInstance);
	}

	@Test
	void everyWebFilterHasAFixedName() {
		// Spring labels each filter's part of each request with its toString
		assertThat(this.filters).isNotEmpty()
			.allSatisfy((filter) -> assertThat(filter.toString()).doesNotContain("@")
				.isEqualTo(filter.getClass().getSimpleName()));
	}

	@Test
	void functionalRoutesAreHandledFirstAndNamed() {
		assertThat(this.serverResponses.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
		ServerRequest chatRequest = ServerRequest.create(
				MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions")),
				HandlerStrategies.withDefaults().messageReaders());
		// Spring's dispatcher labels each request's handling with the handler's toString
		assertThat(this.openAiRoutes.route(chatRequest).block()).hasToString("chat completions");
	}

	@Test
	void nonStreamingAnswerPassesThroughWithDeploymentHeaders() {
		HttpResponse<String> response = post("/v1/chat/completions", chat("gpt-4o-mini", "hello there"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValueAsLong("Content-Length"))
			.hasValue(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
		assertThat(response.headers().allValues("Content-Type")).hasSize(1);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.at("/choices/0/message/content").asString()).isEqualTo("You said: hello there");
		assertThat(body.at("/usage/total_tokens").asInt()).isPositive();
		assertThat(response.headers().firstValue("x-litellm-model-id")).hasValue("mini-deployment");
		assertThat(response.headers().firstValue("x-litellm-model-group")).hasValue("gpt-4o-mini");
		assertThat(response.headers().firstValue("x-litellm-version")).isPresent();
		assertThat(response.headers().firstValue("x-litellm-model-api-base")).get()
			.asString()
			.startsWith("http://127.0.0.1:");
		assertThat(response.headers().firstValue("x-litellm-call-id")).get().asString().hasSize(36);
		assertThat(post("/chat/completions", chat("gpt-4", "alias")).statusCode()).as("alias, no /v1").isEqualTo(200);
		HttpResponse<String> ownId = send(
				request("/v1/chat/completions").header("Authorization", "Bearer " + MASTER_KEY)
					.header("x-litellm-call-id", "client-chosen-id-1")
					.POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "x")))
					.build());
		assertThat(ownId.headers().firstValue("x-litellm-call-id")).hasValue("client-chosen-id-1");
		HttpResponse<String> badId = send(
				request("/v1/chat/completions").header("Authorization", "Bearer " + MASTER_KEY)
					.header("x-litellm-call-id", "bad id/with spaces")
					.POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "x")))
					.build());
		assertThat(badId.headers().firstValue("x-litellm-call-id")).get().asString().hasSize(36);
	}

	@Test
	void unknownFieldsAndDeploymentDefaultsReachTheProvider() {
		String request = "{\"model\":\"echo-defaults\",\"seed\":99,\"response_format\":{\"type\":\"json_object\"},"
				+ "\"metadata\":{\"tag\":\"gateway-only\"},"
				+ "\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"cache_control\":{\"type\":\"ephemeral\"}}]}";
		HttpResponse<String> response = post("/v1/chat/completions", request);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode forwarded = this.json
			.readTree(this.json.readTree(response.body()).at("/choices/0/message/content").asString());
		assertThat(forwarded.get("model").asString()).isEqualTo("fake;echo=1");
		assertThat(forwarded.get("seed").asInt()).as("the caller's value beats the default").isEqualTo(99);
		assertThat(forwarded.get("temperature").asDouble()).isEqualTo(0.3);
		assertThat(forwarded.get("max_tokens").asInt()).isEqualTo(7);
		assertThat(forwarded.at("/response_format/type").asString()).isEqualTo("json_object");
		assertThat(forwarded.at("/messages/0/cache_control/type").asString()).isEqualTo("ephemeral");
		assertThat(forwarded.has("metadata")).as("gateway-only fields stay here").isFalse();
	}

	@Test
	void streamPassesChunkByChunkAndEndsWithDone() {
		List<Long> arrivals = new ArrayList<>();
		List<String> lines = new ArrayList<>();
		HttpResponse<java.util.stream.Stream<String>> response = send(
				request("/v1/chat/completions").header("Authorization", "Bearer " + MASTER_KEY)
					.POST(HttpRequest.BodyPublishers.ofString(streamChat("slow-stream", "one two three four", false)))
					.build(),
				HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
		response.body().filter((line) -> !line.isEmpty()).forEach((line) -> {
			arrivals.add(System.nanoTime());
			lines.add(line);
		});
		assertThat(lines).allMatch((line) -> line.startsWith("data: "));
		assertThat(lines.get(lines.size() - 1)).isEqualTo("data: [DONE]");
		String text = lines.stream()
			.filter((line) -> !line.equals("data: [DONE]"))
			.map((line) -> this.json.readTree(line.substring(6)).at("/choices/0/delta/content").asString(""))
			.collect(Collectors.joining());
		assertThat(text).isEqualTo("You said: one two three four");
		assertThat(lines).as("the usage chunk the caller did not ask for is hidden")
			.noneMatch((line) -> line.contains("\"choices\":[]"));
		// the fake paces 4 chunks 150 ms apart: a buffering gateway would deliver them
		// all at once
		long spreadMillis = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1_000_000;
		assertThat(spreadMillis).isGreaterThanOrEqualTo(300);
	}

	@Test
	void streamIncludesUsageWhenAsked() {
		HttpResponse<String> response = post("/v1/chat/completions", streamChat("gpt-4o-mini", "count me", true));
		List<String> events = events(response.body());
		assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
		JsonNode usage = this.json.readTree(events.get(events.size() - 2));
		assertThat(usage.get("choices").isEmpty()).isTrue();
		assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(2);
	}

	@Test
	void providerErrorsKeepTheirStatusAndMessage() {
		HttpResponse<String> limited = post("/v1/chat/completions", chat("rate-limited", "x"));
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("retry-after")).hasValue("7");
		assertError(limited, "requests", "litellm.RateLimitError: OpenAIException - Rate limit reached");
		HttpResponse<String> broken = post("/v1/chat/completions", chat("broken", "x"));
		assertThat(broken.statusCode()).isEqualTo(500);
		assertError(broken, "server_error", "litellm.InternalServerError: OpenAIException - The server had an error");
		HttpResponse<String> tooLong = post("/v1/chat/completions", chat("too-long", "x"));
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertError(tooLong, "invalid_request_error", "litellm.ContextWindowExceededError");
		assertThat(this.json.readTree(tooLong.body()).at("/error/param").asString()).isEqualTo("messages");
		HttpResponse<String> streamed = post("/v1/chat/completions", streamChat("rate-limited", "x", false));
		assertThat(streamed.statusCode()).as("a stream that fails before its first chunk still gets a status")
			.isEqualTo(429);
		assertThat(streamed.headers().firstValue("content-type")).get().asString().startsWith("application/json");
	}

	@Test
	void timeoutsAndUnreachableProviders() {
		HttpResponse<String> slow = post("/v1/chat/completions", chat("slow", "x"));
		assertThat(slow.statusCode()).isEqualTo(408);
		assertError(slow, "timeout", "litellm.Timeout: openai (model slow) did not answer within 0.5s (timeout)");
		HttpResponse<String> stalled = post("/v1/chat/completions", streamChat("stalled-stream", "a b c", false));
		assertThat(stalled.statusCode()).isEqualTo(200);
		List<String> events = events(stalled.body());
		assertThat(events.get(events.size() - 1)).contains("\"type\":\"timeout\"")
			.contains("within 0.5s (stream_timeout)");
		HttpResponse<String> unreachable = post("/v1/chat/completions", chat("unreachable", "x"));
		assertThat(unreachable.statusCode()).isEqualTo(500);
		assertError(unreachable, "api_connection_error", "litellm.APIConnectionError: cannot connect to openai");
	}

	@Test
	void aStreamCutByTheProviderEndsWithAnErrorEventNotDone() {
		HttpResponse<String> response = post("/v1/chat/completions", streamChat("cut-stream", "a b c d e f", false));
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> events = events(response.body());
		assertThat(events.get(events.size() - 1)).contains("\"error\"").contains("closed the connection early");
		assertThat(events).doesNotContain("[DONE]");
	}

	@Test
	void badRequestsAreNamed() {
		assertBadRequest(post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
				"'model'");
		assertBadRequest(post("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\"}"), "'messages'");
		assertBadRequest(post("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":\"hi\"}"), "messages");
		assertBadRequest(post("/v1/chat/completions", "{not json"), "Malformed JSON");
		assertBadRequest(post("/v1/chat/completions", ""), "empty");
		HttpResponse<String> unknown = post("/v1/chat/completions", chat("gpt-17", "x"));
		assertBadRequest(unknown, "Invalid model name passed in model=gpt-17");
		assertThat(unknown.body()).contains("/v1/models");
	}

	@Test
	void missingProviderKeyNamesTheVariable() {
		HttpResponse<String> response = post("/v1/chat/completions", chat("no-key", "x"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertError(response, "auth_error", "LLMGW_TEST_UNSET_KEY");
		HttpResponse<String> bedrock = post("/v1/chat/completions", chat("bedrock-model", "x"));
		assertThat(bedrock.statusCode()).as(bedrock.body()).isEqualTo(401);
		assertError(bedrock, "auth_error", "no AWS credentials");
	}

	@Test
	void oversizedBodiesAre413() {
		String big = "x".repeat(1_100_000);
		HttpResponse<String> response = post("/v1/chat/completions", chat("gpt-4o-mini", big));
		assertThat(response.statusCode()).isEqualTo(413);
		assertError(response, "invalid_request_error", "Max size is 1");
	}

	@Test
	void unknownRoutesAnswerInOpenAiShape() {
		HttpResponse<String> response = get("/v1/nothing");
		assertThat(response.statusCode()).isEqualTo(404);
		assertError(response, "not_found_error", "Route not found");
		// the caller did put /v1: the hint is for those who left it out
		assertThat(response.body()).doesNotContain("live under /v1");
		HttpResponse<String> withoutV1 = get("/nothing");
		assertThat(withoutV1.statusCode()).isEqualTo(404);
		assertError(withoutV1, "not_found_error", "OpenAI-compatible routes live under /v1");
	}

	@Test
	void aRouteAskedWithAnotherMethodIs405WithAllow() {
		for (String path : List.of("/v1/chat/completions", "/chat/completions", "/v1/embeddings",
				"/openai/deployments/gpt-4o-mini/chat/completions")) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(405);
			assertThat(response.headers().firstValue("Allow")).as(path).hasValue("POST");
			assertError(response, "invalid_request_error", "Method not allowed: GET " + path);
		}
		HttpResponse<String> models = post("/v1/models", "{}");
		assertThat(models.statusCode()).as(models.body()).isEqualTo(405);
		assertThat(models.headers().firstValue("Allow")).hasValue("GET");
	}

	private void assertBadRequest(HttpResponse<String> response, String messagePart) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertError(response, "invalid_request_error", messagePart);
	}

	private void assertError(HttpResponse<String> response, String type, String messagePart) {
		JsonNode error = this.json.readTree(response.body()).get("error");
		assertThat(error).as(response.body()).isNotNull();
		assertThat(error.get("type").asString()).isEqualTo(type);
		assertThat(error.get("message").asString()).contains(messagePart);
		assertThat(error.has("param")).isTrue();
		assertThat(error.get("code").asString()).as("LiteLLM's code: the status")
			.isEqualTo(String.valueOf(response.statusCode()));
		assertThat(response.body()).doesNotContain("Exception:").doesNotContain("\tat ");
		assertThat(response.headers().map()).containsKey("x-litellm-call-id");
	}

	private static List<String> events(String sse) {
		List<String> events = new ArrayList<>();
		for (String line : sse.split("\n")) {
			if (line.startsWith("data: ")) {
				events.add(line.substring(6));
			}
		}
		return events;
	}

}
