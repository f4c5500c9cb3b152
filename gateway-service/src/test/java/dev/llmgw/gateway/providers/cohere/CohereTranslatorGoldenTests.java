package dev.llmgw.gateway.providers.cohere;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Golden files for the Cohere v2 translators, through the real HTTP exchange against a
 * stub endpoint: {@code <case>.input.json} (the OpenAI request) must go out as
 * {@code <case>.request.json} (the /v2/chat body), and the stub's
 * {@code <case>.response.json} must come back as {@code <case>.expected.json}. Error
 * bodies are Cohere's own, with the status it sends them with.
 */
class CohereTranslatorGoldenTests {

	static final Fixtures FILES = new Fixtures("openai-cohere");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static HttpStub stub;

	static UpstreamClient client;

	static CohereProvider provider;

	static ModelRegistry models;

	@BeforeAll
	static void start() {
		stub = new HttpStub();
		client = new UpstreamClient(Duration.ofSeconds(5), 10, Duration.ofSeconds(30));
		provider = new CohereProvider(new ProviderHttp(client), JSON);
		models = new ModelRegistry(new ConfigLoader(EnvironmentLookup.of(Map.of())).parse("""
				model_list:
				  - model_name: command
				    litellm_params: {model: cohere_chat/command-a-03-2025, api_base: "%1$s", api_key: test-cohere-key}
				  - model_name: cohere-embed
				    litellm_params: {model: cohere/embed-english-v3.0, api_base: "%1$s/v2", api_key: test-cohere-key}
				""".formatted(stub.url()), "test"));
	}

	@AfterAll
	static void stop() {
		client.dispose();
		stub.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text", "tools", "named-tool", "length" })
	void translatesRequestAndResponse(String name) {
		stub.answer(HttpStub.Answer.json(200, FILES.read(name + ".response.json")));
		ChatResult result = provider.complete(call(FILES.read(name + ".input.json"))).block();
		assertThat(stub.lastPath()).isEqualTo("/v2/chat");
		assertThat(stub.lastHeader("Authorization")).isEqualTo("Bearer test-cohere-key");
		assertThat(JSON.readTree(stub.lastBody())).as(stub.lastBody())
			.isEqualTo(FILES.check(name + ".request.json", stub.lastBody()));
		ObjectNode body = (ObjectNode) JSON.readTree(result.body());
		assertThat(body.remove("created").asLong()).isPositive();
		assertThat(body).as(body.toString()).isEqualTo(FILES.json(name + ".expected.json"));
		assertThat(result.usage().totalTokens()).isEqualTo(body.at("/usage/total_tokens").asLong());
	}

	@Test
	void streamsEventsAsOpenAiChunks() {
		stub.answer(HttpStub.Answer.sse(List.of("""
				event: message-start
				data: {"id":"29f14a5a","type":"message-start","delta":{"message":{"role":"assistant","content":[],\
				"tool_plan":"","tool_calls":[],"citations":[]}}}""", """
				event: tool-plan-delta
				data: {"type":"tool-plan-delta","delta":{"message":{"tool_plan":"I will check."}}}""", """
				event: tool-call-start
				data: {"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"get_weather_abc",\
				"type":"function","function":{"name":"get_weather","arguments":""}}}}}""", """
				event: tool-call-delta
				data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":\
				{"arguments":"{\\"city\\":"}}}}}""", """
				event: tool-call-delta
				data: {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":\
				{"arguments":"\\"Rome\\"}"}}}}}""", """
				event: tool-call-end
				data: {"type":"tool-call-end","index":0}""", """
				event: message-end
				data: {"type":"message-end","delta":{"finish_reason":"TOOL_CALL","usage":{"billed_units":\
				{"input_tokens":37,"output_tokens":28},"tokens":{"input_tokens":913,"output_tokens":83}}}}""")));
		StreamTally tally = new StreamTally();
		List<String> frames = provider.stream(call("""
				{"model": "command", "stream": true, "stream_options": {"include_usage": true},
				 "messages": [{"role": "user", "content": "Weather in Rome?"}]}"""), tally)
			.map(String::new)
			.collectList()
			.block();
		assertThat(JSON.readTree(stub.lastBody()).path("stream").asBoolean()).isTrue();
		assertThat(frames).hasSize(8);
		assertThat(frames.get(0)).contains("\"delta\":{\"role\":\"assistant\",\"content\":\"\"}");
		assertThat(frames.get(1)).contains("\"delta\":{\"content\":\"I will check.\"}");
		assertThat(frames.get(2))
			.contains("\"tool_calls\":[{\"index\":0,\"id\":\"get_weather_abc\",\"type\":\"function\","
					+ "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]");
		assertThat(frames.get(3))
			.contains("\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]");
		assertThat(frames.get(4)).contains("\"arguments\":\"\\\"Rome\\\"}\"");
		assertThat(frames.get(5)).contains("\"finish_reason\":\"tool_calls\"");
		assertThat(frames.get(6)).contains("\"choices\":[]").contains("\"total_tokens\":996");
		assertThat(frames.get(7)).isEqualTo("data: [DONE]\n\n");
		assertThat(frames).allSatisfy((frame) -> assertThat(frame).startsWith("data: ").endsWith("\n\n"));
		assertThat(tally.usage().promptTokens()).isEqualTo(913);
	}

	@ParameterizedTest
	@CsvSource({ "error-bad-request, 400, BadRequestError, 400",
			"error-context-window, 400, ContextWindowExceededError, 400",
			"error-unauthorized, 401, AuthenticationError, 401", "error-invalid-token, 498, AuthenticationError, 401",
			"error-forbidden, 403, PermissionDeniedError, 403", "error-not-found, 404, NotFoundError, 404",
			"error-unprocessable, 422, UpstreamError, 422", "error-rate-limit, 429, RateLimitError, 429",
			"error-cancelled, 499, TimeoutError, 408", "error-internal, 500, UpstreamError, 500",
			"error-unavailable, 503, UpstreamError, 503" })
	void mapsCohereErrors(String file, int status, String type, int gatewayStatus) {
		stub.answer(HttpStub.Answer.json(status, FILES.read(file + ".json"), Map.of("Retry-After", "7")));
		GatewayError error = catchThrowableOfType(GatewayError.class,
				() -> provider.complete(call(FILES.read("length.input.json"))).block());
		assertThat(error.getClass().getSimpleName()).isEqualTo(type);
		assertThat(error.status()).isEqualTo(gatewayStatus);
		assertThat(error.getMessage()).startsWith("litellm.")
			.contains("CohereException - " + FILES.json(file + ".json").path("message").asString());
		if (error instanceof RateLimitError rateLimit) {
			assertThat(rateLimit.retryAfter()).isEqualTo("7");
		}
	}

	@Test
	void embedsWithInputTypeAndBilledUsage() {
		stub.answer(HttpStub.Answer.json(200, FILES.read("embeddings.response.json")));
		EmbeddingRequest request = JSON.readValue(FILES.read("embeddings.input.json"), EmbeddingRequest.class);
		ChatResult result = provider.embed(new EmbeddingCall(deployment("cohere-embed"), request, "call-1")).block();
		assertThat(stub.lastPath()).isEqualTo("/v2/embed");
		assertThat(JSON.readTree(stub.lastBody())).as(stub.lastBody())
			.isEqualTo(FILES.check("embeddings.request.json", stub.lastBody()));
		assertThat(JSON.readTree(result.body())).isEqualTo(FILES.json("embeddings.expected.json"));
		assertThat(result.usage().promptTokens()).isEqualTo(4);
	}

	static ProviderCall call(String json) {
		return new ProviderCall(deployment("command"), JSON.readValue(json, ChatCompletionRequest.class), "call-1");
	}

	static Deployment deployment(String model) {
		return models.find(model).deployments().get(0);
	}

}
