package dev.llmgw.gateway.compat;

import java.util.ArrayList;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The official OpenAI Java SDK, pointed at the gateway's base URL as an application would
 * point it.
 */
class OpenAiSdkCompatibilityTests extends GatewayTestBase {

	private OpenAIClient client;

	@BeforeEach
	void connect() {
		this.client = client(MASTER_KEY);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void listsModels() {
		List<String> ids = new ArrayList<>();
		for (Model model : this.client.models().list().autoPager()) {
			ids.add(model.id());
		}
		assertThat(ids).contains("gpt-4o-mini", "gpt-4");
		assertThat(this.client.models().retrieve("gpt-4o-mini").id()).isEqualTo("gpt-4o-mini");
	}

	@Test
	void chats() {
		ChatCompletion completion = this.client.chat().completions().create(params("gpt-4o-mini", "hello sdk"));
		assertThat(completion.choices().get(0).message().content()).hasValue("You said: hello sdk");
		assertThat(completion.usage().get().totalTokens()).isPositive();
	}

	@Test
	void streams() {
		ChatCompletionCreateParams params = params("slow-stream", "stream to me").toBuilder()
			.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
			.build();
		StringBuilder text = new StringBuilder();
		long usageTokens = 0;
		int chunks = 0;
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat().completions().createStreaming(params)) {
			for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
				chunks++;
				chunk.choices().forEach((choice) -> choice.delta().content().ifPresent(text::append));
				if (chunk.usage().isPresent()) {
					usageTokens = chunk.usage().get().totalTokens();
				}
			}
		}
		assertThat(text.toString()).isEqualTo("You said: stream to me");
		assertThat(chunks).isGreaterThan(3);
		assertThat(usageTokens).isPositive();
	}

	@Test
	void wrongKeyRaisesUnauthorized() {
		OpenAIClient wrong = client("sk-not-the-key-1234567");
		try {
			assertThatExceptionOfType(UnauthorizedException.class)
				.isThrownBy(() -> wrong.chat().completions().create(params("gpt-4o-mini", "x")))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(401));
		}
		finally {
			wrong.close();
		}
	}

	@Test
	void badRequestsRaiseBadRequest() {
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> this.client.chat().completions().create(params("no-such-model", "x")))
			.withMessageContaining("Invalid model name");
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> this.client.chat().completions().create(params("too-long", "x")));
	}

	@Test
	void providerRateLimitRaisesRateLimit() {
		assertThatExceptionOfType(RateLimitException.class)
			.isThrownBy(() -> this.client.chat().completions().create(params("rate-limited", "x")));
	}

	private OpenAIClient client(String key) {
		return OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(key).maxRetries(0).build();
	}

	private static ChatCompletionCreateParams params(String model, String message) {
		return ChatCompletionCreateParams.builder().model(model).addUserMessage(message).build();
	}

}
