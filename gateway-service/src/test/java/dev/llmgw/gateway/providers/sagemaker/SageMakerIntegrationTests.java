package dev.llmgw.gateway.providers.sagemaker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayHttp;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.TestGatewayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SageMaker deployments through the gateway's OpenAI API, driven by the official OpenAI
 * SDK, against the fake's SageMaker Runtime: SigV4 for the {@code sagemaker} service with
 * the deployment's keys, TGI's body and the Messages API's, streams whose PayloadParts
 * cut events apart, and SageMaker's errors (a ThrottlingException is a 400 there, a 429
 * here; a ModelStreamError ends the stream with an error event). The endpoint comes from
 * {@code AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME} in the config's environment_variables.
 */
class SageMakerIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ACCESS_KEY = "AKIDSAGEMAKERIT";

	private static ConfigurableApplicationContext gateway;

	private static OpenAIClient client;

	@BeforeAll
	static void start(@TempDir Path dir) throws IOException {
		String fake = "http://127.0.0.1:" + FakeLlmServerProcess.shared().port();
		Path config = dir.resolve("config.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: sm-tgi
				    litellm_params: &sm
				      model: sagemaker/tgi-endpoint
				      aws_access_key_id: %3$s
				      aws_secret_access_key: sagemaker-secret
				      aws_region_name: us-east-1
				  - model_name: sm-chat
				    litellm_params: {<<: *sm, model: sagemaker_chat/messages-endpoint}
				  - model_name: sm-api-base
				    litellm_params: {<<: *sm, model: sagemaker/other-endpoint, api_base: "%1$s"}
				  - model_name: sm-throttled
				    litellm_params: {<<: *sm, model: "sagemaker/tgi;error=rate_limit;retry_after=3"}
				  - model_name: sm-too-long
				    litellm_params: {<<: *sm, model: "sagemaker/tgi;error=context"}
				  - model_name: sm-missing
				    litellm_params: {<<: *sm, model: sagemaker/missing-endpoint}
				  - model_name: sm-cut
				    litellm_params: {<<: *sm, model: "sagemaker/tgi;chunks=6;error_after_chunks=2"}
				  - model_name: sm-chat-cut
				    litellm_params: {<<: *sm, model: "sagemaker_chat/chat;chunks=6;error_after_chunks=2"}
				environment_variables:
				  AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: "%1$s"
				# one attempt: the errors' translation is what is checked, not the retries'
				# backoff (a rate limit's Retry-After of 3 s, twice by default)
				router_settings: {num_retries: 0}
				general_settings: {master_key: %2$s}
				""".formatted(fake, TestGatewayConfig.MASTER_KEY, ACCESS_KEY));
		gateway = GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + dir.resolve("data"));
		client = OpenAIOkHttpClient.builder()
			.baseUrl(GatewayInstances.baseUrl(gateway) + "/v1")
			.apiKey(TestGatewayConfig.MASTER_KEY)
			.maxRetries(0)
			.build();
	}

	@AfterAll
	static void stop() {
		client.close();
		gateway.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "sm-tgi", "sm-chat", "sm-api-base" })
	void chatsWithSignedCalls(String model) {
		long signedBefore = signedWithTheDeploymentsKey();
		ChatCompletion completion = client.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder()
				.model(model)
				.addUserMessage("hello " + model)
				.maxCompletionTokens(100)
				.build());
		assertThat(completion.choices().get(0).message().content()).hasValue("You said: hello " + model);
		assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
		assertThat(completion.usage().get().promptTokens()).isPositive();
		assertThat(completion.usage().get().completionTokens()).isPositive();
		assertThat(signedWithTheDeploymentsKey()).isEqualTo(signedBefore + 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "sm-tgi", "sm-chat" })
	void streamsChunkByChunkAcrossCutPayloadParts(String model) {
		String prompt = "stream from " + model + " with a few more words, café and 🌍 included";
		List<ChatCompletionChunk> chunks = new ArrayList<>();
		try (StreamResponse<ChatCompletionChunk> stream = client.chat()
			.completions()
			.createStreaming(ChatCompletionCreateParams.builder()
				.model(model)
				.addUserMessage(prompt)
				.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
				.build())) {
			stream.stream().forEach(chunks::add);
		}
		StringBuilder text = new StringBuilder();
		chunks
			.forEach((chunk) -> chunk.choices().forEach((choice) -> choice.delta().content().ifPresent(text::append)));
		assertThat(text.toString()).isEqualTo("You said: " + prompt);
		assertThat(chunks.size()).isGreaterThan(6);
		ChatCompletionChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.choices()).isEmpty();
		assertThat(last.usage().get().totalTokens()).isPositive();
	}

	@Test
	void aThrottlingExceptionIsARateLimitAndAnOverLongPromptAContextWindowError() {
		assertThatThrownBy(() -> client.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder().model("sm-throttled").addUserMessage("x").build()))
			.isInstanceOf(RateLimitException.class)
			.hasMessageContaining("ThrottlingException")
			.satisfies((error) -> assertThat(((RateLimitException) error).headers().values("retry-after"))
				.containsExactly("3"));
		HttpResponse<String> tooLong = post(
				"{\"model\":\"sm-too-long\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
		assertThat(tooLong.body()).contains("ContextWindowExceededError").contains("must be <= 4096");
		assertThatThrownBy(() -> client.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder().model("sm-missing").addUserMessage("x").build()))
			.isInstanceOf(BadRequestException.class)
			.hasMessageContaining("ValidationError")
			.hasMessageContaining("missing-endpoint");
	}

	@ParameterizedTest
	@ValueSource(strings = { "sm-cut", "sm-chat-cut" })
	void aModelStreamErrorMidStreamEndsTheStreamWithAnErrorEvent(String model) {
		HttpResponse<String> response = post("{\"model\":\"" + model
				+ "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b c d e f g h\"}]}");
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> events = new ArrayList<>();
		for (String line : response.body().split("\n")) {
			if (line.startsWith("data: ")) {
				events.add(line.substring(6));
			}
		}
		assertThat(events).as(response.body()).hasSizeGreaterThan(1);
		assertThat(events.get(0)).contains("\"content\"");
		JsonNode error = JSON.readTree(events.get(events.size() - 1)).path("error");
		assertThat(error.path("message").asString()).contains("SagemakerException - ModelStreamError");
		assertThat(events).doesNotContain("[DONE]");
	}

	private static long signedWithTheDeploymentsKey() {
		HttpResponse<String> stats = GatewayHttp.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + FakeLlmServerProcess.shared().port() + "/fake/stats"))
			.GET()
			.build());
		return JSON.readTree(stats.body()).path("by_access_key").path(ACCESS_KEY).asLong(0);
	}

	private static HttpResponse<String> post(String json) {
		return GatewayHttp
			.send(HttpRequest.newBuilder(URI.create(GatewayInstances.baseUrl(gateway) + "/v1/chat/completions"))
				.timeout(Duration.ofSeconds(20))
				.header("Authorization", "Bearer " + TestGatewayConfig.MASTER_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build());
	}

}
