package dev.llmgw.gateway.moderations;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.moderations.ModerationCreateParams;
import com.openai.models.moderations.ModerationCreateResponse;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.Eventually;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/moderations} through the gateway, driven by the official OpenAI Java SDK.
 */
class ModerationsCompatibilityTests extends GatewayTestBase {

	@Test
	void flagsWhatTheProviderFlagsOneResultPerInput() {
		OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(MASTER_KEY).maxRetries(0).build();
		try {
			ModerationCreateResponse answer = client.moderations()
				.create(ModerationCreateParams.builder()
					.model("moderation")
					.inputOfStrings(List.of("a calm day", "BLOCKME now"))
					.build());
			assertThat(answer.results()).hasSize(2);
			assertThat(answer.results().get(0).flagged()).isFalse();
			assertThat(answer.results().get(1).flagged()).isTrue();
			// the SDK leaves the model out unless asked: the moderation group answers
			ModerationCreateResponse defaulted = client.moderations()
				.create(ModerationCreateParams.builder().input("BLOCKME").build());
			assertThat(defaulted.results().get(0).flagged()).isTrue();
		}
		finally {
			client.close();
		}
	}

	@Test
	void isAModelCallLoggedAsAModerationAtNoCost() {
		AdminClient admin = new AdminClient(url(""));
		String key = admin.post("/key/generate", MASTER_KEY, Map.of("models", List.of("moderation"))).text("/key");
		var answer = admin.post("/v1/moderations", key, Map.of("model", "moderation", "input", "log me"));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		var refused = admin.post("/v1/moderations", key, Map.of("model", "gpt-4o-mini", "input", "x"));
		assertThat(refused.status()).as("the key may not use the model").isIn(401, 403);
		Eventually.within(Duration.ofSeconds(10),
				() -> admin.get("/spend/logs?api_key=" + key, MASTER_KEY)
					.body()
					.contains("\"call_type\":\"amoderation\""));
	}

	@Test
	void badInputAndModelsThatCannotModerateAre400s() {
		assertThat(post("/v1/moderations", "{\"model\":\"moderation\"}").body()).contains("\"param\":\"input\"");
		assertThat(post("/v1/moderations", "{\"model\":\"moderation\",\"input\":[42]}").body())
			.contains("\"param\":\"input[0]\"");
		var azure = post("/v1/moderations", "{\"model\":\"azure-gpt\",\"input\":\"x\"}");
		assertThat(azure.statusCode()).isEqualTo(400);
		assertThat(azure.body()).contains("cannot moderate");
	}

}
