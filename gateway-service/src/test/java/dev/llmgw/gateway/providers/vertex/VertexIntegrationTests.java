package dev.llmgw.gateway.providers.vertex;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
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
 * Vertex AI deployments through the gateway's OpenAI API, driven by the official OpenAI
 * SDK, against the fake's Google token endpoint and Vertex AI routes. The fake knows the
 * service accounts' public keys, so it checks the gateway's signatures: a key file whose
 * key is not the account's is refused, and the caller gets a 401 naming the account and
 * the setting, never the key. The fake counts token requests, so a test sees the gateway
 * fetch one token per account and reuse it, concurrent first calls included.
 */
class VertexIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final TestServiceAccount ACCOUNT = TestServiceAccount
		.generate("gateway-" + RUN + "@fake-project.iam.gserviceaccount.com", fake() + "/token", "fake-project");

	/** Used by one test only, so that its token count is its own. */
	private static final TestServiceAccount COUNTED = TestServiceAccount
		.generate("counted-" + RUN + "@fake-project.iam.gserviceaccount.com", fake() + "/token", "fake-project");

	private static final TestServiceAccount FORGED = TestServiceAccount
		.generate("forged-" + RUN + "@fake-project.iam.gserviceaccount.com", fake() + "/token", "fake-project");

	private static ConfigurableApplicationContext gateway;

	private static OpenAIClient client;

	@BeforeAll
	static void start(@TempDir Path dir) throws IOException {
		register(ACCOUNT);
		register(COUNTED);
		register(FORGED);
		Path config = dir.resolve("config.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: vertex-gemini
				    litellm_params: &vertex
				      model: vertex_ai/gemini-2.0-flash
				      api_base: "%1$s"
				      vertex_credentials: "%3$s"
				  - model_name: vertex-claude
				    litellm_params: {<<: *vertex, model: vertex_ai/claude-3-5-sonnet-v2@20241022}
				  - model_name: vertex-embed
				    litellm_params: {<<: *vertex, model: vertex_ai/text-embedding-004}
				  - model_name: vertex-throttled
				    litellm_params: {<<: *vertex, model: "vertex_ai/gemini;error=rate_limit;retry_after=3"}
				  - model_name: vertex-claude-throttled
				    litellm_params: {<<: *vertex, model: "vertex_ai/claude-3-haiku;error=rate_limit;retry_after=3"}
				  - model_name: vertex-counted
				    litellm_params: {<<: *vertex, vertex_credentials: "%4$s"}
				  - model_name: vertex-forged
				    litellm_params: {<<: *vertex, vertex_credentials: "%5$s"}
				environment_variables:
				  VERTEXAI_LOCATION: europe-west4
				# one attempt: the errors' translation is what is checked, not the retries'
				# backoff (a rate limit's Retry-After of 3 s, twice by default)
				router_settings: {num_retries: 0}
				general_settings: {master_key: %2$s}
				""".formatted(fake(), TestGatewayConfig.MASTER_KEY, ACCOUNT.write(dir), COUNTED.write(dir),
				FORGED.withOtherKey().write(dir)));
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
	@ValueSource(strings = { "vertex-gemini", "vertex-claude" })
	void chats(String model) {
		ChatCompletion completion = client.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder()
				.model(model)
				.addSystemMessage("be brief")
				.addUserMessage("hello " + model)
				.maxCompletionTokens(100)
				.build());
		assertThat(completion.choices().get(0).message().content()).hasValue("You said: hello " + model);
		assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
		assertThat(completion.usage().get().promptTokens()).isPositive();
		assertThat(completion.usage().get().completionTokens()).isPositive();
	}

	@ParameterizedTest
	@ValueSource(strings = { "vertex-gemini", "vertex-claude" })
	void streamsChunkByChunkWithUsageLast(String model) {
		List<ChatCompletionChunk> chunks = new ArrayList<>();
		try (StreamResponse<ChatCompletionChunk> stream = client.chat()
			.completions()
			.createStreaming(ChatCompletionCreateParams.builder()
				.model(model)
				.addUserMessage("stream from " + model + " in a few words")
				.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
				.build())) {
			stream.stream().forEach(chunks::add);
		}
		StringBuilder text = new StringBuilder();
		chunks
			.forEach((chunk) -> chunk.choices().forEach((choice) -> choice.delta().content().ifPresent(text::append)));
		assertThat(text.toString()).isEqualTo("You said: stream from " + model + " in a few words");
		assertThat(chunks.size()).isGreaterThan(4);
		ChatCompletionChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.choices()).isEmpty();
		assertThat(last.usage().get().totalTokens()).isPositive();
	}

	@Test
	void embedsWithPredict() {
		CreateEmbeddingResponse response = client.embeddings()
			.create(EmbeddingCreateParams.builder()
				.model("vertex-embed")
				.inputOfArrayOfStrings(List.of("the quick brown fox", "jumps"))
				.dimensions(16)
				.build());
		assertThat(response.data()).hasSize(2);
		assertThat(response.data().get(0).embedding()).hasSize(16);
		assertThat(response.data().get(0).embedding()).isNotEqualTo(response.data().get(1).embedding());
		assertThat(response.usage().promptTokens()).isEqualTo(5);
	}

	@Test
	void oneTokenIsFetchedPerAccountAndReusedByConcurrentAndLaterCalls() {
		long before = tokensIssuedTo(COUNTED);
		List<CompletableFuture<HttpResponse<String>>> first = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			first.add(HTTP.sendAsync(chatRequest("vertex-counted", "concurrent " + i),
					HttpResponse.BodyHandlers.ofString()));
		}
		first.forEach((call) -> assertThat(call.join().statusCode()).as(call.join().body()).isEqualTo(200));
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> later = GatewayHttp.send(chatRequest("vertex-counted", "later " + i));
			assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
		}
		assertThat(tokensIssuedTo(COUNTED) - before).as("token requests for nine calls").isEqualTo(1);
	}

	@Test
	void aKeyTheTokenEndpointRefusesIsA401NamingTheAccountNeverTheKey() {
		HttpResponse<String> response = GatewayHttp.send(chatRequest("vertex-forged", "x"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		JsonNode error = JSON.readTree(response.body()).path("error");
		assertThat(error.path("message").asString()).contains("VertexAIException")
			.contains(FORGED.clientEmail())
			.contains("model_list[6].litellm_params.vertex_credentials")
			.contains("invalid_grant: Invalid JWT Signature.");
		assertThat(response.body()).doesNotContain("PRIVATE KEY")
			.doesNotContain(FORGED.privateKeyBase64().substring(200, 240));
	}

	@Test
	void googlesAndAnthropicsRateLimitsAre429s() {
		for (String model : List.of("vertex-throttled", "vertex-claude-throttled")) {
			assertThatThrownBy(() -> client.chat()
				.completions()
				.create(ChatCompletionCreateParams.builder().model(model).addUserMessage("x").build()))
				.isInstanceOf(RateLimitException.class)
				.satisfies((error) -> assertThat(((RateLimitException) error).headers().values("retry-after"))
					.containsExactly("3"));
		}
	}

	private static HttpRequest chatRequest(String model, String content) {
		return HttpRequest.newBuilder(URI.create(GatewayInstances.baseUrl(gateway) + "/v1/chat/completions"))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + TestGatewayConfig.MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}"))
			.build();
	}

	private static long tokensIssuedTo(TestServiceAccount account) {
		HttpResponse<String> tokens = GatewayHttp
			.send(HttpRequest.newBuilder(URI.create(fake() + "/fake/google/tokens")).build());
		return JSON.readTree(tokens.body()).path("issued_by_client_email").path(account.clientEmail()).asLong(0);
	}

	private static void register(TestServiceAccount account) {
		HttpResponse<String> registered = GatewayHttp
			.send(HttpRequest.newBuilder(URI.create(fake() + "/fake/google/service-accounts"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(account.json()))
				.build());
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
	}

	private static String fake() {
		return "http://127.0.0.1:" + FakeLlmServerProcess.shared().port();
	}

}
