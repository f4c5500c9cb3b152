package dev.llmgw.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started as deployment starts it:
 * {@code java -jar gateway-service.jar}, configured only by environment variables.
 */
class GatewayJarTests {

	@TempDir
	Path dir;

	@Test
	void startsFromEnvironmentVariablesAndServes() throws Exception {
		Path config = this.dir.resolve("config.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: jar-model
				    litellm_params: {model: openai/jar-model, api_base: os.environ/UPSTREAM, api_key: k}
				  - model_name: jar-bedrock
				    litellm_params: {model: "bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0"}
				""");
		int port = GatewayJar.freePort();
		// Bedrock is reached the way an operator points the AWS SDK elsewhere: the
		// standard
		// endpoint and credential variables, nothing in the config
		Process gateway = start(Map.of("SERVER_PORT", Integer.toString(port), "CONFIG_FILE_PATH", config.toString(),
				"LITELLM_MASTER_KEY", "sk-jar-master-key", "UPSTREAM", FakeLlmServerProcess.shared().baseUrl(),
				"AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:" + FakeLlmServerProcess.shared().port(),
				"AWS_ACCESS_KEY_ID", "AKIDJAR", "AWS_SECRET_ACCESS_KEY", "jar-secret", "AWS_REGION", "eu-west-1"));
		try {
			HttpClient client = HttpClient.newHttpClient();
			GatewayJar.awaitLive(client, port, gateway, this.dir);
			HttpResponse<String> response = client.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
				.header("Authorization", "Bearer sk-jar-master-key")
				.POST(HttpRequest.BodyPublishers.ofString(
						"{\"model\":\"jar-model\",\"messages\":[{\"role\":\"user\",\"content\":\"from the jar\"}]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("You said: from the jar");
			HttpResponse<String> bedrock = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
					.header("Authorization", "Bearer sk-jar-master-key")
					.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"jar-bedrock\",\"stream\":true,"
							+ "\"messages\":[{\"role\":\"user\",\"content\":\"via bedrock\"}]}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(bedrock.statusCode()).as(bedrock.body()).isEqualTo(200);
			assertThat(bedrock.body()).contains("chat.completion.chunk")
				.contains("bedrock")
				.endsWith("data: [DONE]\n\n");
		}
		finally {
			gateway.destroy();
			assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
		}
	}

	@Test
	void withNoConfigServesTheBuiltInCatalogOfItsRegion() throws Exception {
		int port = GatewayJar.freePort();
		String fake = "http://127.0.0.1:" + FakeLlmServerProcess.shared().port();
		// an operator's first start: no config.yaml, one provider key, the AWS region it
		// runs in
		Process gateway = start(Map.of("SERVER_PORT", Integer.toString(port), "LITELLM_MASTER_KEY", "sk-jar-master-key",
				"OPENAI_API_KEY", "sk-openai", "OPENAI_BASE_URL", fake + "/v1", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
				fake, "AWS_ACCESS_KEY_ID", "AKIDJAR", "AWS_SECRET_ACCESS_KEY", "jar-secret", "AWS_REGION",
				"us-west-2"));
		try {
			HttpClient client = HttpClient.newHttpClient();
			GatewayJar.awaitLive(client, port, gateway, this.dir);
			for (String model : List.of("gpt-4o", "meta.llama3-1-70b-instruct-v1:0")) {
				HttpResponse<String> response = client
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
						.header("Authorization", "Bearer sk-jar-master-key")
						.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
								+ "\",\"messages\":[{\"role\":\"user\",\"content\":\"from the catalog\"}]}"))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(model + ": " + response.body()).isEqualTo(200);
				assertThat(response.body()).contains("You said: from the catalog");
			}
			HttpResponse<String> info = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/model/info"))
					.header("Authorization", "Bearer sk-jar-master-key")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(info.body()).contains("\"model_name\":\"claude-3-5-sonnet-20240620\"")
				.contains("\"missing_setting\":\"ANTHROPIC_API_KEY\"");
			String log = GatewayJar.log(this.dir);
			assertThat(log).contains("built-in catalog (default-config-base.yaml + default-config-us-west-2.yaml)")
				.containsPattern("model\\(s\\) unavailable until ANTHROPIC_API_KEY is set: [^\\n]*claude-3-5-sonnet")
				.contains("the catalog's response cache is kept in memory")
				.doesNotContain("sk-openai");
		}
		finally {
			gateway.destroy();
			assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
		}
	}

	@Test
	void aWrongTypeInTheConfigStopsStartUpNamingThePath() throws Exception {
		Path config = this.dir.resolve("bad.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: ok
				    litellm_params: {model: openai/ok}
				  - model_name: bad
				    litellm_params: {model: openai/bad, tpm: lots}
				""");
		Process gateway = start(
				Map.of("SERVER_PORT", Integer.toString(GatewayJar.freePort()), "CONFIG_FILE_PATH", config.toString()));
		assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
		assertThat(gateway.exitValue()).isNotZero();
		String output = Files.readString(this.dir.resolve("gateway.log"));
		assertThat(output)
			.contains("Invalid gateway config: model_list[1].litellm_params.tpm: expected integer, got \"lots\"");
	}

	private Process start(Map<String, String> environment) throws IOException {
		return GatewayJar.start(this.dir, environment);
	}

}
