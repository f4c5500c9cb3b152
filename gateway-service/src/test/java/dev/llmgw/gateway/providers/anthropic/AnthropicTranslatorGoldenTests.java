package dev.llmgw.gateway.providers.anthropic;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.ContextWindowExceededError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.UpstreamClient;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.support.Fixtures;
import dev.llmgw.gateway.support.HttpStub;
import dev.llmgw.model.openai.ChatCompletionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Golden files for the Anthropic translators against a stub endpoint:
 * {@code <case>.input.json} must go out as {@code <case>.request.json}, and the stub's
 * {@code <case>.response.json} must come back as {@code <case>.expected.json}.
 */
class AnthropicTranslatorGoldenTests {

	static final Fixtures FIXTURES = new Fixtures("openai-anthropic");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static HttpStub stub;

	static UpstreamClient client;

	static AnthropicProvider provider;

	static ModelRegistry models;

	@BeforeAll
	static void start() {
		stub = new HttpStub();
		client = new UpstreamClient(java.time.Duration.ofSeconds(2), 10, java.time.Duration.ofSeconds(30));
		provider = new AnthropicProvider(new ProviderHttp(client), JSON);
		models = new ModelRegistry(new ConfigLoader(EnvironmentLookup.of(Map.of())).parse("""
				model_list:
				  - model_name: claude
				    litellm_params: {model: anthropic/claude-3-5-sonnet-20241022, api_base: "%s", api_key: sk-ant-test}
				""".formatted(stub.url()), "test"));
	}

	@AfterAll
	static void stop() {
		client.dispose();
		stub.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text", "tools", "image", "json-schema" })
	void translatesRequestAndResponse(String name) {
		stub.answer(HttpStub.Answer.json(200, FIXTURES.read(name + ".response.json")));
		ChatCompletionRequest request = JSON.readValue(FIXTURES.read(name + ".input.json"),
				ChatCompletionRequest.class);
		ChatResult result = provider.complete(new ProviderCall(deployment(), request, "call-1")).block();
		assertThat(stub.lastPath()).isEqualTo("/v1/messages");
		assertThat(stub.lastHeaders()).containsEntry("x-api-key", "sk-ant-test")
			.containsEntry("anthropic-version", "2023-06-01");
		FIXTURES.record(name + ".request.json", stub.lastBody());
		assertThat(JSON.readTree(stub.lastBody())).as(stub.lastBody())
			.isEqualTo(JSON.readTree(FIXTURES.read(name + ".request.json")));
		ObjectNode body = (ObjectNode) JSON.readTree(result.body());
		assertThat(body.remove("created").asLong()).isPositive();
		assertThat(body).as(body.toString()).isEqualTo(JSON.readTree(FIXTURES.read(name + ".expected.json")));
		assertThat(result.usage().totalTokens()).isEqualTo(body.at("/usage/total_tokens").asLong());
	}

	@Test
	void anAnswerThatIsNotAMessagesResponseIsA502() {
		stub.answer(HttpStub.Answer.json(200, "{\"content\": [null]}"));
		assertThatThrownBy(
				() -> provider.complete(new ProviderCall(deployment(), streamRequest(false), "call-11")).block())
			.hasMessageContaining("anthropic returned JSON that is not a Messages response");
		stub.answer(HttpStub.Answer.json(200, "null"));
		assertThatThrownBy(
				() -> provider.complete(new ProviderCall(deployment(), streamRequest(false), "call-12")).block())
			.isInstanceOfSatisfying(UpstreamError.class, (error) -> assertThat(error.status()).isEqualTo(502));
		stub.answer(HttpStub.Answer.json(200, "{\"content\": \"not a list of blocks\"}"));
		assertThatThrownBy(
				() -> provider.complete(new ProviderCall(deployment(), streamRequest(false), "call-9")).block())
			.isInstanceOfSatisfying(UpstreamError.class, (error) -> assertThat(error.status()).isEqualTo(502))
			.hasMessageContaining("anthropic returned JSON that is not a Messages response");
		stub.answer(HttpStub.Answer.json(200, "<html>"));
		assertThatThrownBy(
				() -> provider.complete(new ProviderCall(deployment(), streamRequest(false), "call-10")).block())
			.hasMessageContaining("anthropic returned a body that is not JSON");
	}

	@Test
	void reasoningEffortBecomesAThinkingBudget() {
		stub.answer(HttpStub.Answer.json(200, FIXTURES.read("text.response.json")));
		ChatCompletionRequest request = JSON.readValue("{\"model\":\"claude\",\"reasoning_effort\":\"low\","
				+ "\"messages\":[{\"role\":\"user\",\"content\":\"think\"}]}", ChatCompletionRequest.class);
		provider.complete(new ProviderCall(deployment(), request, "call-4")).block();
		assertThat(JSON.readTree(stub.lastBody()).get("thinking").toString())
			.isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":1024}");
	}

	@Test
	void streamsTextAndToolCallsAsOpenAiChunks() {
		stub.answer(HttpStub.Answer.sse(FIXTURES.read("stream-tools.sse")));
		StreamTally tally = new StreamTally();
		List<String> frames = provider.stream(new ProviderCall(deployment(), streamRequest(true), "call-2"), tally)
			.map(String::new)
			.collectList()
			.block();
		assertThat(JSON.readTree(stub.lastBody()).get("stream").asBoolean()).isTrue();
		assertThat(frames).hasSize(8);
		assertThat(frames.get(0)).contains("\"delta\":{\"role\":\"assistant\",\"content\":\"\"}")
			.contains("\"id\":\"chatcmpl-call-2\"");
		assertThat(frames.get(1)).contains("\"delta\":{\"content\":\"Let me \"}");
		assertThat(frames.get(2)).contains("\"delta\":{\"content\":\"check.\"}");
		assertThat(frames.get(3))
			.contains("{\"index\":0,\"id\":\"toolu_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\"");
		assertThat(frames.get(4)).contains("\"arguments\":\"{\\\"city\\\": \\\"Par\"");
		assertThat(frames.get(5)).contains("\"finish_reason\":\"tool_calls\"");
		assertThat(frames.get(6)).contains("\"choices\":[]")
			.contains("\"prompt_tokens\":472,\"completion_tokens\":89,\"total_tokens\":561");
		assertThat(frames.get(7)).isEqualTo("data: [DONE]\n\n");
		assertThat(tally.usage().completionTokens()).isEqualTo(89);
	}

	@Test
	void usageIsRecordedButNotSentUnlessAskedFor() {
		stub.answer(HttpStub.Answer.sse(FIXTURES.read("stream-tools.sse")));
		StreamTally tally = new StreamTally();
		List<String> frames = provider.stream(new ProviderCall(deployment(), streamRequest(false), "call-3"), tally)
			.map(String::new)
			.collectList()
			.block();
		assertThat(frames).hasSize(7).noneMatch((frame) -> frame.contains("\"usage\""));
		assertThat(tally.usage().totalTokens()).isEqualTo(561);
	}

	@Test
	void anErrorEventMidStreamFailsTheStream() {
		stub.answer(HttpStub.Answer.sse("event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
				+ "{\"id\":\"m\",\"usage\":{\"input_tokens\":3}}}\n\n"
				+ "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"));
		assertThatThrownBy(
				() -> provider.stream(new ProviderCall(deployment(), streamRequest(false), "c"), new StreamTally())
					.collectList()
					.block())
			.isInstanceOf(UpstreamError.class)
			.hasMessageContaining("AnthropicException - Overloaded");
	}

	@Test
	void errorsMapByAnthropicErrorType() {
		assertError(400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum",
				ContextWindowExceededError.class, 400);
		assertError(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit",
				RateLimitError.class, 429);
		assertError(529, "overloaded_error", "Overloaded", UpstreamError.class, 503);
		assertError(401, "authentication_error", "invalid x-api-key", GatewayError.class, 401);
		assertError(404, "not_found_error", "model: claude-9", GatewayError.class, 404);
	}

	private void assertError(int status, String type, String message, Class<? extends GatewayError> kind,
			int expectedStatus) {
		stub.answer(HttpStub.Answer.json(status,
				"{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}"));
		ChatCompletionRequest request = JSON.readValue(FIXTURES.read("text.input.json"), ChatCompletionRequest.class);
		assertThatThrownBy(() -> provider.complete(new ProviderCall(deployment(), request, "c")).block())
			.isInstanceOf(kind)
			.hasMessageContaining("AnthropicException - " + message)
			.satisfies((error) -> assertThat(((GatewayError) error).status()).isEqualTo(expectedStatus));
	}

	private static ChatCompletionRequest streamRequest(boolean includeUsage) {
		return JSON.readValue(
				"{\"model\":\"claude\",\"stream\":true,"
						+ (includeUsage ? "\"stream_options\":{\"include_usage\":true}," : "")
						+ "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}",
				ChatCompletionRequest.class);
	}

	static Deployment deployment() {
		return models.find("claude").deployments().get(0);
	}

}
