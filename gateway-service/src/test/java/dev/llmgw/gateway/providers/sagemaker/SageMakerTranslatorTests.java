package dev.llmgw.gateway.providers.sagemaker;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.RateLimitError;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The SageMaker adapter through the real HTTP exchange against a stub endpoint: the TGI
 * body it sends ({@code <case>.input.json} must go out as {@code <case>.request.json}),
 * the OpenAI answer it makes of TGI's ({@code <case>.response.json} to
 * {@code <case>.expected.json}), the SigV4 signature, streams in PayloadParts, the
 * Messages API flavour and SageMaker's error types.
 */
class SageMakerTranslatorTests {

	static final Fixtures FILES = new Fixtures("openai-sagemaker");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

	static HttpStub stub;

	static UpstreamClient client;

	static SageMakerProvider provider;

	static ModelRegistry models;

	@BeforeAll
	static void start() {
		stub = new HttpStub();
		client = new UpstreamClient(Duration.ofSeconds(5), 10, Duration.ofSeconds(30));
		provider = new SageMakerProvider(new ProviderHttp(client), JSON, EnvironmentLookup.of(Map.of()),
				Clock.fixed(NOW, ZoneOffset.UTC));
		models = new ModelRegistry(new ConfigLoader(EnvironmentLookup.of(Map.of())).parse("""
				model_list:
				  - model_name: tgi
				    litellm_params:
				      model: sagemaker/tgi-endpoint
				      api_base: "%1$s"
				      aws_access_key_id: AKIDSAGEMAKER
				      aws_secret_access_key: sagemaker-secret
				      aws_session_token: session-token
				      aws_region_name: eu-west-1
				      top_k: 10
				      truncate: 1000
				  - model_name: tgi-dropping
				    litellm_params:
				      model: sagemaker/tgi-endpoint
				      api_base: "%1$s"
				      aws_access_key_id: AKIDSAGEMAKER
				      aws_secret_access_key: sagemaker-secret
				      drop_params: true
				  - model_name: component
				    litellm_params:
				      model: sagemaker/shared-endpoint
				      sagemaker_base_url: "%1$s/endpoints/shared-endpoint/invocations"
				      model_id: llama-component
				      aws_access_key_id: AKIDSAGEMAKER
				      aws_secret_access_key: sagemaker-secret
				  - model_name: chat
				    litellm_params:
				      model: sagemaker_chat/messages-endpoint
				      api_base: "%1$s"
				      aws_access_key_id: AKIDSAGEMAKER
				      aws_secret_access_key: sagemaker-secret
				""".formatted(stub.url()), "test"));
	}

	@AfterAll
	static void stop() {
		provider.close();
		client.dispose();
		stub.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "params", "details" })
	void translatesRequestAndResponse(String name) {
		stub.answer(HttpStub.Answer.json(200, FILES.read(name + ".response.json")));
		ChatResult result = provider.complete(call("tgi", FILES.read(name + ".input.json"))).block();
		assertThat(stub.lastPath()).isEqualTo("/endpoints/tgi-endpoint/invocations");
		assertThat(JSON.readTree(stub.lastBody())).as(stub.lastBody())
			.isEqualTo(FILES.check(name + ".request.json", stub.lastBody()));
		ObjectNode body = (ObjectNode) JSON.readTree(result.body());
		assertThat(body.remove("created").asLong()).isPositive();
		assertThat(body).as(body.toString()).isEqualTo(FILES.json(name + ".expected.json"));
		assertThat(result.usage().totalTokens()).isEqualTo(body.at("/usage/total_tokens").asLong());
	}

	@Test
	void signsForTheSageMakerServiceWithTheDeploymentsKeys() {
		stub.answer(HttpStub.Answer.json(200, "[{\"generated_text\":\"ok\"}]"));
		provider.complete(call("tgi", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).block();
		assertThat(stub.lastHeader("Authorization"))
			.startsWith("AWS4-HMAC-SHA256 Credential=AKIDSAGEMAKER/20260102/eu-west-1/sagemaker/aws4_request, ")
			.contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, ");
		assertThat(stub.lastHeader("X-Amz-Date")).isEqualTo("20260102T030405Z");
		assertThat(stub.lastHeader("X-Amz-Security-Token")).isEqualTo("session-token");
		assertThat(stub.lastHeader("Content-Type")).isEqualTo("application/json");
		assertThat(stub.lastHeader(SageMakerSigner.INFERENCE_COMPONENT)).isNull();
	}

	@Test
	void sagemakerBaseUrlIsTheWholeUrlAndModelIdNamesTheInferenceComponent() {
		stub.answer(HttpStub.Answer.json(200, "[{\"generated_text\":\"ok\"}]"));
		provider.complete(call("component", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).block();
		assertThat(stub.lastPath()).isEqualTo("/endpoints/shared-endpoint/invocations");
		assertThat(stub.lastHeader(SageMakerSigner.INFERENCE_COMPONENT)).isEqualTo("llama-component");
		assertThat(stub.lastHeader("Authorization")).contains("/us-west-2/sagemaker/aws4_request")
			.contains("x-amzn-sagemaker-inference-component");
	}

	@Test
	void openAiParametersTgiCannotTakeAreRefusedUnlessDropped() {
		String input = """
				{"messages": [{"role": "user", "content": "hi"}], "seed": 7,
				 "tools": [{"type": "function", "function": {"name": "f"}}]}""";
		assertThatThrownBy(() -> provider.complete(call("tgi", input)).block()).isInstanceOf(BadRequestError.class)
			.hasMessageContaining("sagemaker does not support parameters: [")
			.hasMessageContaining("seed")
			.hasMessageContaining("tools")
			.hasMessageContaining("drop_params");
		stub.answer(HttpStub.Answer.json(200, "[{\"generated_text\":\"ok\"}]"));
		provider.complete(call("tgi-dropping", input)).block();
		assertThat(JSON.readTree(stub.lastBody()).path("parameters").properties()).isEmpty();
	}

	@Test
	void imagePartsAreRefused() {
		String input = """
				{"messages": [{"role": "user", "content": [{"type": "text", "text": "what is it?"},
				 {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]}]}""";
		assertThatThrownBy(() -> provider.complete(call("tgi", input)).block()).isInstanceOf(BadRequestError.class)
			.hasMessageContaining("messages[0]")
			.hasMessageContaining("sagemaker_chat/");
	}

	@Test
	void streamsTokensFromPayloadPartsToTheInvokeStreamUrl() {
		String container = """
				data:{"index":1,"token":{"id":5,"text":"Hel","special":false},"generated_text":null,"details":null}

				data:{"index":2,"token":{"id":6,"text":"lo","special":false},"generated_text":null,"details":null}

				data:{"index":3,"token":{"id":2,"text":"</s>","special":true},"generated_text":"Hello","details":null}

				""";
		stub.answer(new HttpStub.Answer(200, Map.of("Content-Type", SageMakerEventStream.CONTENT_TYPE),
				EventStreamFrames.parts(container, 50, 130)));
		StreamTally tally = new StreamTally();
		List<String> frames = provider.stream(call("tgi", """
				{"stream": true, "stream_options": {"include_usage": true}, "max_tokens": 5,
				 "messages": [{"role": "user", "content": "Say hello"}]}"""), tally)
			.map((frame) -> new String(frame, StandardCharsets.UTF_8))
			.collectList()
			.block();
		assertThat(stub.lastPath()).isEqualTo("/endpoints/tgi-endpoint/invocations-response-stream");
		assertThat(stub.lastHeader("Accept")).isEqualTo(SageMakerEventStream.CONTENT_TYPE);
		assertThat(JSON.readTree(stub.lastBody()).path("stream").asBoolean()).isTrue();
		assertThat(JSON.readTree(stub.lastBody()).at("/parameters/max_new_tokens").asInt()).isEqualTo(5);
		assertThat(frames).hasSize(5);
		assertThat(frames.get(0)).contains("\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}");
		assertThat(frames.get(1)).contains("\"delta\":{\"content\":\"lo\"}");
		assertThat(frames.get(2)).contains("\"finish_reason\":\"stop\"");
		assertThat(frames.get(3)).contains("\"choices\":[]").contains("\"completion_tokens\":2");
		assertThat(frames.get(4)).isEqualTo("data: [DONE]\n\n");
		assertThat(tally.usage().promptTokens()).isEqualTo(3);
	}

	@Test
	void theMessagesApiGetsTheOpenAiBodyAndItsStreamIsRelayed() {
		stub.answer(HttpStub.Answer.json(200, """
				{"id":"chatcmpl-tgi","object":"chat.completion","created":1,"model":"tgi","choices":[{"index":0,
				"message":{"role":"assistant","content":"Hi!"},"finish_reason":"stop"}],
				"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}"""));
		ChatResult result = provider
			.complete(call("chat", "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
			.block();
		assertThat(stub.lastPath()).isEqualTo("/endpoints/messages-endpoint/invocations");
		assertThat(JSON.readTree(stub.lastBody())).isEqualTo(JSON
			.readTree("{\"model\":\"messages-endpoint\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
		assertThat(new String(result.body(), StandardCharsets.UTF_8)).contains("\"content\":\"Hi!\"");
		assertThat(result.usage().totalTokens()).isEqualTo(7);

		String container = """
				data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"tgi","choices":[{"index":0,\
				"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}

				data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"tgi","choices":[{"index":0,\
				"delta":{"content":"!"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,\
				"total_tokens":7}}

				data: [DONE]

				""";
		stub.answer(new HttpStub.Answer(200, Map.of("Content-Type", SageMakerEventStream.CONTENT_TYPE),
				EventStreamFrames.parts(container, 33, 200, 201)));
		StreamTally tally = new StreamTally();
		List<String> frames = provider
			.stream(call("chat",
					"{\"model\":\"chat\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
					tally)
			.map((frame) -> new String(frame, StandardCharsets.UTF_8))
			.collectList()
			.block();
		assertThat(stub.lastPath()).isEqualTo("/endpoints/messages-endpoint/invocations-response-stream");
		assertThat(frames).hasSize(3);
		assertThat(frames.get(0)).contains("\"content\":\"Hi\"");
		assertThat(frames.get(1)).contains("\"content\":\"!\"");
		assertThat(frames.get(2)).isEqualTo("data: [DONE]\n\n");
		assertThat(tally.usage().totalTokens()).isEqualTo(7);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"400 | ThrottlingException | {\"message\":null} | RateLimitError | 429 | ThrottlingException",
			"429 | ModelNotReadyException | {\"message\":\"loading\"} | RateLimitError | 429 | loading",
			"400 | ValidationError | {\"message\":\"Endpoint e of account 1 not found.\"} | BadRequestError | 400 | not found",
			"400 | AccessDeniedException | {\"message\":\"not authorized\"} | PermissionDeniedError | 403 | not authorized",
			"403 | UnrecognizedClientException | {\"message\":\"bad token\"} | AuthenticationError | 401 | bad token",
			"403 | InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/ | {\"message\":\"wrong\"} | AuthenticationError | 401 | InvalidSignatureException: wrong",
			"503 | ServiceUnavailable | {\"message\":\"try again\"} | UpstreamError | 503 | try again",
			"500 | InternalFailure | {\"message\":\"oops\"} | UpstreamError | 500 | oops",
			"424 | ModelError | {\"ErrorCode\":\"CLIENT_ERROR_FROM_MODEL\",\"OriginalStatusCode\":422,\"OriginalMessage\":\"{\\\"error\\\":\\\"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 5000\\\",\\\"error_type\\\":\\\"validation\\\"}\"} | ContextWindowExceededError | 400 | must be <= 4096",
			"424 | ModelError | {\"OriginalStatusCode\":400,\"OriginalMessage\":\"{\\\"error\\\":\\\"bad request\\\"}\"} | BadRequestError | 400 | container answered 400: bad request",
			"424 | ModelError | {\"OriginalStatusCode\":0,\"OriginalMessage\":\"timed out\"} | TimeoutError | 408 | timed out",
			"424 | ModelError | {\"OriginalStatusCode\":500,\"OriginalMessage\":\"CUDA out of memory\"} | UpstreamError | 500 | CUDA out of memory",
			"502 | '' | <html>Bad Gateway</html> | UpstreamError | 502 | <html>Bad Gateway</html>" })
	void mapsSageMakersErrorTypes(int status, String type, String body, String error, int gatewayStatus,
			String detail) {
		stub.answer(HttpStub.Answer.json(status, body, type.isEmpty() ? Map.of() : Map.of("x-amzn-ErrorType", type)));
		GatewayError mapped = catchThrowableOfType(GatewayError.class,
				() -> provider.complete(call("tgi", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).block());
		assertThat(mapped.getClass().getSimpleName()).isEqualTo(error);
		assertThat(mapped.status()).isEqualTo(gatewayStatus);
		assertThat(mapped.getMessage()).startsWith("litellm.").contains("SagemakerException - ").contains(detail);
	}

	@Test
	void throttlingTakesRetryAfter() {
		stub.answer(HttpStub.Answer.json(400, "{\"message\":null}",
				Map.of("x-amzn-ErrorType", "ThrottlingException", "Retry-After", "4")));
		RateLimitError error = catchThrowableOfType(RateLimitError.class,
				() -> provider.complete(call("tgi", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).block());
		assertThat(error.retryAfter()).isEqualTo("4");
		assertThat(error.getMessage()).isEqualTo("litellm.RateLimitError: SagemakerException - ThrottlingException");
	}

	static ProviderCall call(String model, String json) {
		return new ProviderCall(deployment(model), JSON.readValue(json, ChatCompletionRequest.class), "call-1");
	}

	static Deployment deployment(String model) {
		return models.find(model).deployments().get(0);
	}

}
