package dev.llmgw.gateway.responses;

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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversation continued with previous_response_id brings back no more text than one
 * request may carry (general_settings.max_request_size_mb): past it, a 413 rather than a
 * stored history loaded whole into memory, whatever its length.
 */
class ResponsesHistoryLimitTests {

	private static final String MASTER_KEY = "sk-history-limit-master-0123";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@TempDir
	static Path directory;

	static ConfigurableApplicationContext gateway;

	@BeforeAll
	static void start() throws Exception {
		Path config = directory.resolve("config.yaml");
		Files.writeString(config,
				"""
						model_list:
						  - model_name: chat
						    litellm_params: {model: "openai/history-limit", api_base: "%1$s", api_key: k, use_chat_completions_api: true}
						general_settings:
						  master_key: %2$s
						  max_request_size_mb: 1
						"""
					.formatted(FakeLlmServerProcess.shared().baseUrl(), MASTER_KEY));
		gateway = GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + directory.resolve("data"));
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
	}

	@Test
	void aConversationLongerThanARequestMayBeIsA413() throws Exception {
		String big = "x".repeat(400_000);
		String previous = null;
		for (int turn = 0; turn < 2; turn++) {
			HttpResponse<String> made = post(turn(big, previous));
			assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
			previous = JSON.readTree(made.body()).path("id").asString();
		}
		// two stored turns of 400,000 characters each: under 1 MB together
		assertThat(post(turn("short", previous)).statusCode()).isEqualTo(200);
		HttpResponse<String> third = post(turn(big, previous));
		assertThat(third.statusCode()).isEqualTo(200);
		String longest = JSON.readTree(third.body()).path("id").asString();
		HttpResponse<String> refused = post(turn("one more", longest));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
		assertThat(refused.body()).contains("longer than a request may be");
	}

	private static String turn(String input, String previous) {
		return "{\"model\":\"chat\",\"input\":\"" + input + "\",\"mock_response\":\"ok\""
				+ ((previous != null) ? ",\"previous_response_id\":\"" + previous + "\"" : "") + "}";
	}

	private static HttpResponse<String> post(String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(GatewayInstances.baseUrl(gateway) + "/v1/responses"))
			.header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
