package dev.llmgw.gateway.providers.gemini;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.ContentPolicyViolationError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.UpstreamClient;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.support.Fixtures;
import dev.llmgw.gateway.support.HttpStub;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.EmbeddingRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Golden files for the Gemini translators, through the real HTTP exchange against a stub
 * endpoint: {@code <case>.input.json} (the OpenAI request) must go out as
 * {@code <case>.request.json} (the generateContent body), and the stub's
 * {@code <case>.response.json} must come back as {@code <case>.expected.json}. Error
 * bodies are Gemini's own, with the status it sends them with.
 */
class GeminiTranslatorGoldenTests {

	static final Fixtures FILES = new Fixtures("openai-gemini");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static HttpStub stub;

	static UpstreamClient client;

	static GeminiProvider provider;

	static ModelRegistry models;

	@BeforeAll
	static void start() {
		stub = new HttpStub();
		client = new UpstreamClient(Duration.ofSeconds(5), 10, Duration.ofSeconds(30));
		provider = new GeminiProvider(new ProviderHttp(client), JSON);
		models = new ModelRegistry(new ConfigLoader(EnvironmentLookup.of(Map.of())).parse("""
				model_list:
				  - model_name: flash
				    litellm_params: {model: gemini/gemini-2.5-flash, api_base: "%1$s", api_key: test-gemini-key}
				  - model_name: gemini-embed
				    litellm_params: {model: gemini/text-embedding-004, api_base: "%1$s/", api_key: test-gemini-key}
				  - model_name: keyless
				    litellm_params: {model: gemini/gemini-2.5-flash, api_base: "%1$s"}
				""".formatted(stub.url()), "test"));
	}

	@AfterAll
	static void stop() {
		client.dispose();
		stub.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text", "tools", "image", "stop-reasons", "thought-signatures" })
	void translatesRequestAndResponse(String name) {
		stub.answer(HttpStub.Answer.json(200, FILES.read(name + ".response.json")));
		ChatResult result = provider.complete(call("flash", FILES.read(name + ".input.json"))).block();
		assertThat(stub.lastPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
		assertThat(stub.lastHeader("x-goog-api-key")).isEqualTo("test-gemini-key");
		assertThat(JSON.readTree(stub.lastBody())).as(stub.lastBody())
			.isEqualTo(FILES.check(name + ".request.json", stub.lastBody()));
		ObjectNode body = (ObjectNode) JSON.readTree(result.body());
		assertThat(body.remove("created").asLong()).isPositive();
		assertThat(body).as(body.toString()).isEqualTo(FILES.json(name + ".expected.json"));
		assertThat(result.usage().totalTokens()).isEqualTo(body.at("/usage/total_tokens").asLong());
	}

	@Test
	void blockedPromptIsAContentPolicyViolation() {
		stub.answer(HttpStub.Answer.json(200, FILES.read("blocked.response.json")));
		ContentPolicyViolationError error = catchThrowableOfType(ContentPolicyViolationError.class,
				() -> provider.complete(call("flash", FILES.read("text.input.json"))).block());
		assertThat(error.status()).isEqualTo(400);
		assertThat(error.getMessage()).startsWith("litellm.ContentPolicyViolationError: GeminiException - ")
			.contains("blockReason SAFETY");
	}

	@Test
	void refusesAnImageWhoseTypeCannotBeTold() {
		String input = """
				{"model": "flash", "messages": [{"role": "user", "content": [
				 {"type": "image_url", "image_url": {"url": "https://example.com/picture"}}]}]}""";
		assertThatThrownBy(() -> provider.complete(call("flash", input)).block()).isInstanceOf(BadRequestError.class)
			.hasMessageContaining("messages[0]")
			.hasMessageContaining("image_url.format");
	}

	@Test
	void missingKeyNamesTheVariable() {
		assertThatThrownBy(() -> provider.complete(call("keyless", FILES.read("text.input.json"))).block())
			.isInstanceOf(AuthenticationError.class)
			.hasMessageContaining("GEMINI_API_KEY");
	}

	@Test
	void streamsEventsAsOpenAiChunks() {
		stub.answer(HttpStub.Answer.sse(List.of("""
				data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Let me "}]},"index":0}],\
				"usageMetadata":{"promptTokenCount":10,"totalTokenCount":10},"modelVersion":"gemini-2.5-flash"}""", """
				data: {"candidates":[{"content":{"role":"model","parts":[{"text":"check."}]},"index":0}],\
				"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":2,"totalTokenCount":12}}""", """
				data: {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"get_weather",\
				"args":{"city":"Rome"}},"thoughtSignature":"c2ln"}]},"finishReason":"STOP","index":0}],\
				"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":8,"cachedContentTokenCount":4,\
				"totalTokenCount":18}}""")));
		StreamTally tally = new StreamTally();
		List<String> frames = provider.stream(call("flash", """
				{"model": "flash", "stream": true, "stream_options": {"include_usage": true},
				 "messages": [{"role": "user", "content": "Weather in Rome?"}]}"""), tally)
			.map(String::new)
			.collectList()
			.block();
		assertThat(stub.lastPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
		assertThat(frames).hasSize(6);
		assertThat(frames.get(0)).contains("\"delta\":{\"role\":\"assistant\",\"content\":\"Let me \"}");
		assertThat(frames.get(1)).contains("\"delta\":{\"content\":\"check.\"}");
		// the call's thought signature rides in its id, to come back on the next turn
		assertThat(frames.get(2))
			.contains("\"tool_calls\":[{\"index\":0,\"id\":\"call_0__thought__c2ln\",\"type\":\"function\","
					+ "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"}}]");
		assertThat(frames.get(3)).contains("\"finish_reason\":\"tool_calls\"");
		assertThat(frames.get(4)).contains("\"choices\":[]")
			.contains("\"total_tokens\":18")
			.contains("\"cached_tokens\":4");
		assertThat(frames.get(5)).isEqualTo("data: [DONE]\n\n");
		assertThat(frames).allSatisfy((frame) -> assertThat(frame).startsWith("data: ").endsWith("\n\n"));
		assertThat(frames.subList(0, 5))
			.allSatisfy((frame) -> assertThat(frame).contains("\"id\":\"chatcmpl-call-1\""));
		assertThat(tally.usage().promptTokens()).isEqualTo(10);
		assertThat(tally.usage().completionTokens()).isEqualTo(8);
	}

	@Test
	void streamRecordsUsageItDoesNotSend() {
		stub.answer(HttpStub.Answer.sse(List.of("""
				data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Hi"}]},"finishReason":"STOP"}],\
				"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1,"totalTokenCount":4}}""")));
		StreamTally tally = new StreamTally();
		List<String> frames = provider
			.stream(call("flash",
					"{\"model\":\"flash\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
					tally)
			.map(String::new)
			.collectList()
			.block();
		assertThat(frames).hasSize(3);
		assertThat(frames).noneSatisfy((frame) -> assertThat(frame).contains("\"usage\""));
		assertThat(tally.usage().totalTokens()).isEqualTo(4);
	}

	@Test
	void blockedPromptInAStreamFailsBeforeAnyFrame() {
		stub.answer(HttpStub.Answer.sse(List.of("data: " + FILES.read("blocked.response.json").replace("\n", ""))));
		assertThatThrownBy(() -> provider.stream(call("flash", FILES.read("text.input.json")), new StreamTally())
			.collectList()
			.block()).isInstanceOf(ContentPolicyViolationError.class);
	}

	@ParameterizedTest
	@CsvSource({ "error-invalid-key, 400, AuthenticationError, 401",
			"error-unauthenticated, 401, AuthenticationError, 401", "error-bad-request, 400, BadRequestError, 400",
			"error-context-window, 400, ContextWindowExceededError, 400",
			"error-permission, 403, PermissionDeniedError, 403", "error-not-found, 404, NotFoundError, 404",
			"error-rate-limit, 429, RateLimitError, 429", "error-unavailable, 503, UpstreamError, 503",
			"error-deadline, 504, TimeoutError, 408", "error-internal, 500, UpstreamError, 500" })
	void mapsGeminiErrors(String file, int status, String type, int gatewayStatus) {
		stub.answer(HttpStub.Answer.json(status, FILES.read(file + ".json")));
		GatewayError error = catchThrowableOfType(GatewayError.class,
				() -> provider.complete(call("flash", FILES.read("text.input.json"))).block());
		assertThat(error.getClass().getSimpleName()).isEqualTo(type);
		assertThat(error.status()).isEqualTo(gatewayStatus);
		assertThat(error.getMessage()).startsWith("litellm.").contains("GeminiException - ");
		assertThat(error.getMessage()).contains(FILES.json(file + ".json").at("/error/message").asString());
	}

	@Test
	void rateLimitTakesRetryAfterFromHeaderElseFromRetryInfo() {
		stub.answer(HttpStub.Answer.json(429, FILES.read("error-rate-limit.json")));
		RateLimitError fromBody = catchThrowableOfType(RateLimitError.class,
				() -> provider.complete(call("flash", FILES.read("text.input.json"))).block());
		assertThat(fromBody.retryAfter()).isEqualTo("38");
		stub.answer(HttpStub.Answer.json(429, FILES.read("error-rate-limit.json"), Map.of("Retry-After", "5")));
		RateLimitError fromHeader = catchThrowableOfType(RateLimitError.class,
				() -> provider.complete(call("flash", FILES.read("text.input.json"))).block());
		assertThat(fromHeader.retryAfter()).isEqualTo("5");
	}

	@Test
	void embedsInOneBatchWithEstimatedUsage() {
		stub.answer(HttpStub.Answer.json(200, FILES.read("embeddings.response.json")));
		EmbeddingRequest request = JSON.readValue(FILES.read("embeddings.input.json"), EmbeddingRequest.class);
		ChatResult result = provider.embed(new EmbeddingCall(deployment("gemini-embed"), request, "call-1")).block();
		assertThat(stub.lastPath()).isEqualTo("/v1beta/models/text-embedding-004:batchEmbedContents");
		assertThat(JSON.readTree(stub.lastBody())).as(stub.lastBody())
			.isEqualTo(FILES.check("embeddings.request.json", stub.lastBody()));
		assertThat(JSON.readTree(result.body())).isEqualTo(FILES.json("embeddings.expected.json"));
		assertThat(result.usage().promptTokens()).isEqualTo(9);
	}

	static ProviderCall call(String model, String json) {
		return new ProviderCall(deployment(model), JSON.readValue(json, ChatCompletionRequest.class), "call-1");
	}

	static Deployment deployment(String model) {
		return models.find(model).deployments().get(0);
	}

}
