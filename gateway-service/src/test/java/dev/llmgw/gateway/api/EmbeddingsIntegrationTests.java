package dev.llmgw.gateway.api;

import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Embeddings through the gateway: the OpenAI SDK, model access and pricing at the model's
 * input price.
 */
class EmbeddingsIntegrationTests extends GatewayTestBase {

	/** text-embedding-3-small in the price map: $0.02 per million tokens. */
	private static final double INPUT = 2e-8;

	@Test
	void theOpenAiSdkEmbedsThroughTheGateway() {
		OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(MASTER_KEY).maxRetries(0).build();
		try {
			CreateEmbeddingResponse response = client.embeddings()
				.create(EmbeddingCreateParams.builder()
					.model("text-embedding-3-small")
					.input("the quick brown fox")
					.dimensions(16)
					.build());
			assertThat(response.data()).hasSize(1);
			assertThat(response.data().get(0).embedding()).hasSize(16);
			assertThat(response.usage().promptTokens()).isPositive();
		}
		finally {
			client.close();
		}
	}

	@Test
	void embeddingsArePricedAndHeldToAccess() {
		AdminClient api = new AdminClient(url(""));
		String key = api.post("/key/generate", MASTER_KEY, Map.of("models", List.of("text-embedding-3-small")))
			.text("/key");
		Reply reply = api.post("/v1/embeddings", key,
				Map.of("model", "text-embedding-3-small", "input", List.of("one two", "three")));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().get("data").size()).isEqualTo(2);
		long tokens = reply.json().at("/usage/prompt_tokens").asLong();
		var response = send(request("/v1/embeddings").header("Authorization", "Bearer " + key)
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofString("{\"model\":\"text-embedding-3-small\",\"input\":[\"one two\",\"three\"]}"))
			.build());
		assertThat(Double.parseDouble(response.headers().firstValue("x-litellm-response-cost").orElseThrow()))
			.isCloseTo(tokens * INPUT, within(1e-15));
		Reply denied = api.post("/v1/embeddings", key, Map.of("model", "gpt-4o-mini", "input", "x"));
		assertThat(denied.status()).isEqualTo(401);
		Reply missing = api.post("/v1/embeddings", key, Map.of("model", "text-embedding-3-small"));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.text("/error/param")).isEqualTo("input");
		OpenAIClient wrong = OpenAIOkHttpClient.builder()
			.baseUrl(url("/v1"))
			.apiKey("sk-wrong-key-000000")
			.maxRetries(0)
			.build();
		try {
			assertThatExceptionOfType(UnauthorizedException.class).isThrownBy(() -> wrong.embeddings()
				.create(EmbeddingCreateParams.builder().model("text-embedding-3-small").input("x").build()));
		}
		finally {
			wrong.close();
		}
	}

}
