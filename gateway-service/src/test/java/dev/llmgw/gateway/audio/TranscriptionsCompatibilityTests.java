package dev.llmgw.gateway.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.MultipartField;
import com.openai.errors.RateLimitException;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code /v1/audio/transcriptions} through the gateway: the official OpenAI Java SDK's
 * multipart upload (which sends the file before the model) to OpenAI and Azure
 * deployments, the form's fields forwarded, the answer's formats, priced per second.
 */
class TranscriptionsCompatibilityTests extends GatewayTestBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void transcribesThroughTheSdkOnOpenAiAndAzure() {
		OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(MASTER_KEY).maxRetries(0).build();
		try {
			for (String model : List.of("whisper", "azure-whisper")) {
				TranscriptionCreateResponse answer = client.audio()
					.transcriptions()
					.create(TranscriptionCreateParams.builder()
						.file("hello from ".concat(model).getBytes(StandardCharsets.UTF_8))
						.model(model)
						.language("en")
						.build());
				assertThat(answer.transcription().orElseThrow().text()).isEqualTo("You said: hello from " + model);
			}
			TranscriptionCreateResponse verbose = client.audio()
				.transcriptions()
				.create(TranscriptionCreateParams.builder()
					.file(audio("x".repeat(250)))
					.model("whisper")
					.responseFormat(AudioResponseFormat.VERBOSE_JSON)
					.build());
			assertThat(verbose.verbose().orElseThrow().duration()).isEqualTo(2.5);
			assertThatThrownBy(() -> client.audio()
				.transcriptions()
				.create(TranscriptionCreateParams.builder().file(audio("123")).model("whisper-broken").build()))
				.isInstanceOf(RateLimitException.class);
		}
		finally {
			client.close();
		}
	}

	@Test
	void theFormGoesOnAsWrittenAndIsPricedPerSecond() throws Exception {
		// 200 bytes of "audio": two seconds at whisper-1's $0.0001 a second
		HttpResponse<String> answer = upload(List.of(Map.entry("model", "whisper"), Map.entry("prompt", "names"),
				Map.entry("timestamp_granularities[]", "word"), Map.entry("timestamp_granularities[]", "segment")),
				"a\"b\r\nEvil: x.mp3", "y".repeat(200));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		JsonNode body = JSON.readTree(answer.body());
		assertThat(body.at("/fields/prompt").asString()).isEqualTo("names");
		assertThat(body.at("/fields/model").asString()).isEqualTo("whisper-1");
		assertThat(body.at("/fields/timestamp_granularities[]").asString()).isEqualTo("word,segment");
		assertThat(body.path("filename").asString()).as("no quote or line break reaches the provider's headers")
			.doesNotContain("\"", "\r", "\n")
			.endsWith("Evil: x.mp3");
		assertThat(answer.headers().firstValue("x-litellm-response-cost").map(Double::parseDouble).orElseThrow())
			.isCloseTo(0.0002, org.assertj.core.data.Offset.offset(1e-12));
		HttpResponse<String> text = upload(List.of(Map.entry("model", "whisper"), Map.entry("response_format", "text")),
				"a.wav", "plain");
		assertThat(text.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
		assertThat(text.body()).isEqualTo("You said: plain\n");
	}

	@Test
	void badFormsAre400sNamingTheField() throws Exception {
		assertThat(upload(List.of(), "a.wav", "x").body()).contains("\"param\":\"model\"");
		assertThat(upload(List.of(Map.entry("model", "whisper"), Map.entry("response_format", "mp4")), "a.wav", "x")
			.body()).contains("\"param\":\"response_format\"");
		assertThat(upload(List.of(Map.entry("model", "whisper"), Map.entry("stream", "true")), "a.wav", "x").body())
			.contains("\"param\":\"stream\"");
		assertThat(post("/v1/audio/transcriptions", "{\"model\":\"whisper\"}").body()).contains("\"param\":\"file\"");
		assertThat(upload(List.of(Map.entry("model", "whisper")), null, "x").statusCode())
			.as("a part without a filename is still the file")
			.isEqualTo(200);
		HttpResponse<String> claude = upload(List.of(Map.entry("model", "claude-direct")), "a.wav", "x");
		assertThat(claude.statusCode()).isEqualTo(400);
		assertThat(claude.body()).contains("cannot transcribe audio");
	}

	/** The SDK's file with a name, as the provider needs it to read the format. */
	private static MultipartField<InputStream> audio(String content) {
		return MultipartField.<InputStream>builder()
			.value(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
			.filename("speech.mp3")
			.build();
	}

	private HttpResponse<String> upload(List<Map.Entry<String, String>> fields, String filename, String audio) {
		String boundary = "test-boundary-7f3a";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		String named = (filename != null) ? "; filename=\"" + filename.replace("\"", "%22").replace("\r\n", "") + "\""
				: "";
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"" + named
				+ "\r\nContent-Type: audio/mpeg\r\n\r\n" + audio + "\r\n")
			.getBytes(StandardCharsets.UTF_8));
		for (Map.Entry<String, String> field : fields) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
					+ "\"\r\n\r\n" + field.getValue() + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(request("/v1/audio/transcriptions").header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build());
	}

}
