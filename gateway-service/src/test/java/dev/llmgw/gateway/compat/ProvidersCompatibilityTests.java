package dev.llmgw.gateway.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each provider adapter through the gateway, driven by the official OpenAI Java SDK
 * against the fake server speaking that provider's own wire shape (Bedrock through the
 * AWS SDK): chat, streams with usage, tool calls, and errors mapped to the OpenAI error
 * family.
 */
class ProvidersCompatibilityTests extends GatewayTestBase {

	private OpenAIClient client;

	@BeforeEach
	void connect() {
		this.client = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(MASTER_KEY).maxRetries(0).build();
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "bedrock-claude", "claude-direct", "azure-gpt", "gemini-flash", "cohere-command" })
	void chats(String model) {
		ChatCompletion completion = this.client.chat()
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
	@ValueSource(strings = { "bedrock-claude", "claude-direct", "azure-gpt", "gemini-flash", "cohere-command" })
	void streamsChunkByChunkWithUsageLast(String model) {
		List<ChatCompletionChunk> chunks = new ArrayList<>();
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat()
			.completions()
			.createStreaming(ChatCompletionCreateParams.builder()
				.model(model)
				.addUserMessage("stream from " + model)
				.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
				.build())) {
			stream.stream().forEach(chunks::add);
		}
		StringBuilder text = new StringBuilder();
		chunks
			.forEach((chunk) -> chunk.choices().forEach((choice) -> choice.delta().content().ifPresent(text::append)));
		assertThat(text.toString()).isEqualTo("You said: stream from " + model);
		assertThat(chunks.size()).isGreaterThan(4);
		ChatCompletionChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.choices()).isEmpty();
		assertThat(last.usage().get().totalTokens()).isPositive();
	}

	@ParameterizedTest
	@ValueSource(strings = { "bedrock-tools", "claude-tools", "azure-tools", "gemini-tools", "cohere-tools" })
	void toolCallsComeBackInOpenAiForm(String model) {
		ChatCompletion completion = this.client.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder()
				.model(model)
				.addUserMessage("weather in Paris?")
				.addTool(ChatCompletionFunctionTool.builder()
					.function(FunctionDefinition.builder()
						.name("get_weather")
						.parameters(FunctionParameters.builder()
							.putAdditionalProperty("type", JsonValue.from("object"))
							.putAdditionalProperty("properties",
									JsonValue.from(Map.of("city", Map.of("type", "string"))))
							.build())
						.build())
					.build())
				.build());
		ChatCompletion.Choice choice = completion.choices().get(0);
		assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
		List<ChatCompletionMessageToolCall> calls = choice.message().toolCalls().get();
		assertThat(calls).hasSize(1);
		assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_weather");
		assertThat(calls.get(0).asFunction().id()).isNotBlank();
		assertThat(calls.get(0).asFunction().function().arguments()).startsWith("{");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bedrock", "claude", "azure", "gemini", "cohere" })
	void providerErrorsBecomeTheOpenAiErrorFamily(String provider) {
		assertThatThrownBy(() -> this.client.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder().model(provider + "-throttled").addUserMessage("x").build()))
			.isInstanceOf(RateLimitException.class)
			.satisfies((error) -> assertThat(((RateLimitException) error).headers().values("retry-after"))
				.containsExactly("3"));
		var tooLong = post("/v1/chat/completions", chat(provider + "-too-long", "x"));
		assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
		assertThat(tooLong.body()).contains("ContextWindowExceededError");
		assertThatThrownBy(() -> this.client.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder().model(provider + "-too-long").addUserMessage("x").build()))
			.isInstanceOf(BadRequestException.class);
	}

	@org.junit.jupiter.api.Test
	void aGeminiSafetyBlockIsAContentPolicyViolation() {
		var blocked = post("/v1/chat/completions", chat("gemini-blocked", "x"));
		assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(400);
		assertThat(blocked.body()).contains("ContentPolicyViolationError").contains("SAFETY");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bedrock-claude", "claude-direct" })
	void unsupportedParametersAreRefusedByNameUnlessDropped(String model) {
		var refused = post("/v1/chat/completions", "{\"model\":\"" + model
				+ "\",\"logit_bias\":{\"50256\":-100},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("does not support parameters: [logit_bias]").contains("drop_params");
		var dropped = post("/v1/chat/completions", "{\"model\":\"" + model + "-dropping"
				+ "\",\"logit_bias\":{\"50256\":-100},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "bedrock-titan-embed", "bedrock-cohere-embed", "azure-embed", "gemini-embed", "cohere-embed" })
	void embeds(String model) {
		CreateEmbeddingResponse response = this.client.embeddings()
			.create(EmbeddingCreateParams.builder()
				.model(model)
				.inputOfArrayOfStrings(List.of("the quick brown fox", "jumps"))
				.build());
		assertThat(response.data()).hasSize(2);
		assertThat(response.data().get(0).embedding()).isNotEmpty();
		assertThat(response.data().get(0).embedding()).isNotEqualTo(response.data().get(1).embedding());
		assertThat(response.usage().promptTokens()).isPositive();
	}

}
