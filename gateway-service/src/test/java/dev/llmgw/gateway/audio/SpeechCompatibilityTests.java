package dev.llmgw.gateway.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.InternalServerException;
import com.openai.models.audio.speech.SpeechCreateParams;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.Eventually;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code /v1/audio/speech} through the gateway, driven by the official OpenAI Java SDK:
 * OpenAI and Azure deployments, the audio relayed as sent, priced per character.
 */
class SpeechCompatibilityTests extends GatewayTestBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void readsTextAloudOnOpenAiAndAzure() throws IOException {
		OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(MASTER_KEY).maxRetries(0).build();
		try {
			for (String model : new String[] { "tts", "azure-tts" }) {
				try (HttpResponse audio = client.audio()
					.speech()
					.create(SpeechCreateParams.builder()
						.model(model)
						.input("hello there")
						.voice("alloy")
						.responseFormat(SpeechCreateParams.ResponseFormat.WAV)
						.build()); InputStream body = audio.body()) {
					assertThat(audio.statusCode()).isEqualTo(200);
					assertThat(audio.headers().values("content-type")).containsExactly("audio/wav");
					assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
						.isEqualTo("FAKEAUDIO|wav|alloy|hello there");
				}
			}
			assertThatThrownBy(() -> client.audio()
				.speech()
				.create(SpeechCreateParams.builder().model("tts-broken").input("x").voice("alloy").build())
				.close()).as("a failure before the first bytes is an error with its status")
				.isInstanceOf(InternalServerException.class);
		}
		finally {
			client.close();
		}
	}

	@Test
	void isPricedPerCharacterAndLoggedAsSpeech() {
		AdminClient admin = new AdminClient(url(""));
		String key = admin.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		var audio = admin.post("/v1/audio/speech", key,
				Map.of("model", "tts", "input", "twenty characters!!!", "voice", "alloy"));
		assertThat(audio.status()).as(audio.body()).isEqualTo(200);
		Eventually.within(Duration.ofSeconds(10), () -> {
			JsonNode logs = JSON.readTree(admin.get("/spend/logs?api_key=" + key, MASTER_KEY).body());
			JsonNode row = logs.isArray() && !logs.isEmpty() ? logs.get(0) : JSON.createObjectNode();
			return "aspeech".equals(row.path("call_type").asString())
					&& Math.abs(row.path("spend").asDouble() - 20 * 1.5e-5) < 1e-9;
		});
	}

	@Test
	void badRequestsAre400sNamingTheField() {
		assertThat(post("/v1/audio/speech", "{\"model\":\"tts\",\"voice\":\"alloy\"}").body())
			.contains("\"param\":\"input\"");
		assertThat(post("/v1/audio/speech", "{\"model\":\"tts\",\"input\":\"x\"}").body())
			.contains("\"param\":\"voice\"");
		assertThat(post("/v1/audio/speech", "{\"model\":\"tts\",\"input\":\"x\",\"voice\":\"a\",\"speed\":9}").body())
			.contains("\"param\":\"speed\"");
		assertThat(post("/v1/audio/speech",
				"{\"model\":\"tts\",\"input\":\"x\",\"voice\":\"a\",\"response_format\":\"midi\"}")
			.body()).contains("\"param\":\"response_format\"");
		assertThat(
				post("/v1/audio/speech", "{\"model\":\"tts\",\"input\":\"" + "x".repeat(4097) + "\",\"voice\":\"a\"}")
					.body())
			.contains("\"param\":\"input\"");
		var claude = post("/v1/audio/speech", "{\"model\":\"claude-direct\",\"input\":\"x\",\"voice\":\"a\"}");
		assertThat(claude.statusCode()).isEqualTo(400);
		assertThat(claude.body()).contains("cannot generate speech");
	}

}
