package dev.llmgw.gateway.providers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LiteLLM's mock_response and router test switches: answered without the provider (whose
 * address here leads nowhere), with LiteLLM's usage, charged at the model's price.
 */
class MockResponseIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	@TempDir
	static Path dir;

	private static ConfigurableApplicationContext gateway;

	@BeforeAll
	static void start() throws Exception {
		Path config = Files.writeString(dir.resolve("config.yaml"),
				"""
						model_list:
						  - model_name: nowhere
						    litellm_params: {model: openai/gpt-4o-mini, api_base: "http://127.0.0.1:9/v1", api_key: k}
						  - model_name: by-config
						    litellm_params: {model: openai/gpt-4o-mini, api_base: "http://127.0.0.1:9/v1", api_key: k, mock_response: from config}
						  - model_name: backup
						    litellm_params: {model: openai/backup, api_base: "%1$s", api_key: k}
						  - model_name: pair
						    litellm_params: {model: openai/pair-one, api_base: "%1$s", api_key: k}
						  - model_name: pair
						    litellm_params: {model: openai/pair-two, api_base: "%1$s", api_key: k}
						router_settings:
						  # LiteLLM retries a mocked failure too; one attempt keeps these
						  # tests about the mock, not the backoff
						  num_retries: 0
						  fallbacks: [{nowhere: [backup]}]
						  allowed_fails: 1
						"""
					.formatted(FakeLlmServerProcess.shared().baseUrl()));
		gateway = GatewayInstances.startWithConfig(config);
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void aMockAnswersWithLiteLlmsUsageAndIsCharged() throws Exception {
		HttpResponse<String> response = chat("nowhere", "\"mock_response\":\"hello there\"");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.at("/choices/0/message/content").asString()).isEqualTo("hello there");
		assertThat(body.at("/choices/0/finish_reason").asString()).isEqualTo("stop");
		assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(10);
		assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(20);
		assertThat(body.at("/model").asString()).isEqualTo("gpt-4o-mini");
		assertThat(Double.parseDouble(response.headers().firstValue("x-litellm-response-cost").orElse("0")))
			.as("priced as gpt-4o-mini's 10 + 20 tokens")
			.isPositive();
	}

	@Test
	void aMockStreamsInFourCharacterChunks() throws Exception {
		HttpResponse<String> response = chat("nowhere",
				"\"stream\":true,\"stream_options\":{\"include_usage\":true},\"mock_response\":\"hello there\"");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"content\":\"hell\"")
			.contains("\"content\":\"o th\"")
			.contains("\"content\":\"ere\"")
			.contains("\"total_tokens\":30")
			.endsWith("data: [DONE]\n\n");
	}

	@Test
	void theRequestsMockWinsOverTheDeployments() throws Exception {
		assertThat(chat("by-config", "\"temperature\":0.5").body()).contains("from config");
		assertThat(chat("by-config", "\"mock_response\":\"mine\"").body()).contains("\"content\":\"mine\"");
	}

	@Test
	void specialValuesRaiseLiteLlmsErrors() throws Exception {
		HttpResponse<String> limited = chat("by-config", "\"mock_response\":\"litellm.RateLimitError\"");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.body()).contains("this is a mock rate limit error");
		HttpResponse<String> timedOut = chat("by-config", "\"mock_timeout\":true,\"timeout\":0.2");
		assertThat(timedOut.statusCode()).isEqualTo(408);
		HttpResponse<String> broken = chat("by-config",
				"\"stream\":true,\"mock_response\":\"Exception: mock_streaming_error in the middle\"");
		assertThat(broken.body()).contains("\"content\":\"Exce\"").doesNotContain("data: [DONE]");
	}

	@Test
	void mockTestingFallbacksFailsTheNamedGroupSoItsFallbackAnswers() throws Exception {
		HttpResponse<String> response = chat("nowhere", "\"mock_testing_fallbacks\":true");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("You said: hi");
		assertThat(response.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("1");
	}

	@Test
	void mockFailuresPutNoDeploymentToRest() throws Exception {
		// two deployments, so that failures could rest one: failures a caller asks for
		// must not
		for (int i = 0; i < 10; i++) {
			assertThat(chat("pair", "\"mock_response\":\"litellm.InternalServerError\"").statusCode()).isEqualTo(500);
			assertThat(chat("pair", "\"mock_testing_rate_limit_error\":true").statusCode()).isEqualTo(429);
		}
		for (int i = 0; i < 10; i++) {
			assertThat(chat("pair", "\"temperature\":0").statusCode()).as("no deployment rests").isEqualTo(200);
		}
	}

	private static HttpResponse<String> chat(String model, String extra) throws Exception {
		return CLIENT
			.send(HttpRequest.newBuilder(URI.create(GatewayInstances.baseUrl(gateway) + "/v1/chat/completions"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\"," + extra
						+ ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
