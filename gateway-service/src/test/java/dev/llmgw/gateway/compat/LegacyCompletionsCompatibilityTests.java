package dev.llmgw.gateway.compat;

import java.util.ArrayList;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAI SDK's legacy completions client against {@code /v1/completions}, answered by
 * a chat model.
 */
class LegacyCompletionsCompatibilityTests extends GatewayTestBase {

	private OpenAIClient client;

	@BeforeEach
	void connect() {
		this.client = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(MASTER_KEY).maxRetries(0).build();
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void completesAPrompt() {
		Completion completion = this.client.completions()
			.create(CompletionCreateParams.builder()
				.model(CompletionCreateParams.Model.of("gpt-4o-mini"))
				.prompt("say it back")
				.maxTokens(50)
				.build());
		assertThat(completion.choices().get(0).text()).isEqualTo("You said: say it back");
		assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
		assertThat(completion.usage().get().totalTokens()).isPositive();
	}

	@Test
	void streamsAPrompt() {
		List<String> pieces = new ArrayList<>();
		try (StreamResponse<Completion> stream = this.client.completions()
			.createStreaming(CompletionCreateParams.builder()
				.model(CompletionCreateParams.Model.of("gpt-4o-mini"))
				.prompt("stream it back")
				.build())) {
			stream.stream().forEach((chunk) -> chunk.choices().forEach((choice) -> pieces.add(choice.text())));
		}
		assertThat(String.join("", pieces)).isEqualTo("You said: stream it back");
		assertThat(pieces.size()).isGreaterThan(2);
	}

	@Test
	void textOnlyParametersAreRefusedByName() {
		var response = post("/v1/completions", "{\"model\":\"gpt-4o-mini\",\"prompt\":\"x\",\"echo\":true}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("'echo' is not supported");
	}

}
