package dev.llmgw.gateway.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started as it runs on ECS or EKS: config.yaml from S3 and secrets from
 * Secrets Manager, through the real AWS SDK pointed at the fake by the SDK's standard
 * {@code AWS_ENDPOINT_URL_S3} and {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}.
 */
class AwsStartupJarTests {

	private static final String BUCKET = "llmgw-config";

	private final HttpClient client = HttpClient.newHttpClient();

	private final String fake = "http://127.0.0.1:" + FakeLlmServerProcess.shared().port();

	@TempDir
	Path dir;

	@Test
	void loadsConfigFromS3AndTheMasterKeyAndEnvironmentReferencesFromSecrets() throws Exception {
		putObject("gateway/config.yaml",
				"""
						model_list:
						  - model_name: s3-model
						    litellm_params: {model: openai/s3-model, api_base: os.environ/UPSTREAM_URL, api_key: os.environ/OPENAI_API_KEY}
						""");
		Path localConfig = this.dir.resolve("local.yaml");
		Files.writeString(localConfig, "model_list: [{model_name: local-model, litellm_params: {model: openai/x}}]\n");
		String master = putSecret("llmgw/master", "sk-master-from-secrets-manager");
		String providers = putSecret("llmgw/providers", "{\"UPSTREAM_URL\":\"" + FakeLlmServerProcess.shared().baseUrl()
				+ "\",\"OPENAI_API_KEY\":\"sk-upstream-from-secret\"}");
		Map<String, String> environment = awsEnvironment();
		environment.put("LITELLM_CONFIG_BUCKET_NAME", BUCKET);
		environment.put("LITELLM_CONFIG_BUCKET_OBJECT_KEY", "gateway/config.yaml");
		environment.put("CONFIG_FILE_PATH", localConfig.toString());
		environment.put("LITELLM_MASTER_KEY", "sk-overridden-by-the-secret");
		environment.put("LITELLM_MASTER_KEY_SECRET_ARN", master);
		environment.put("UPSTREAM_URL_SECRET_ARN", providers);
		environment.put("OPENAI_API_KEY_SECRET_ARN", providers);
		int port = GatewayJar.freePort();
		environment.put("SERVER_PORT", Integer.toString(port));
		Process gateway = start(environment);
		try {
			GatewayJar.awaitLive(this.client, port, gateway, this.dir);
			assertThat(chat(port, "sk-master-from-secrets-manager", "s3-model").body()).contains("You said: from S3");
			assertThat(chat(port, "sk-overridden-by-the-secret", "s3-model").statusCode()).isEqualTo(401);
			assertThat(chat(port, "sk-master-from-secrets-manager", "local-model").statusCode())
				.as("S3 wins over CONFIG_FILE_PATH, as in the original")
				.isEqualTo(400);
		}
		finally {
			gateway.destroy();
			assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(log()).contains("LITELLM_MASTER_KEY read from Secrets Manager (" + master + ")")
			.contains("Loaded s3://llmgw-config/gateway/config.yaml with 1 deployments")
			.doesNotContain("sk-master-from-secrets-manager")
			.doesNotContain("sk-upstream-from-secret");
	}

	@Test
	void aMissingConfigObjectStopsStartUpNamingIt() throws Exception {
		Map<String, String> environment = awsEnvironment();
		environment.put("LITELLM_CONFIG_BUCKET_NAME", BUCKET);
		environment.put("LITELLM_CONFIG_BUCKET_OBJECT_KEY", "absent/config.yaml");
		assertFailsWith(environment, "Cannot start: LITELLM_CONFIG_BUCKET_NAME/LITELLM_CONFIG_BUCKET_OBJECT_KEY: "
				+ "s3://llmgw-config/absent/config.yaml not found (NoSuchKey)");
	}

	@Test
	void aMissingSecretStopsStartUpNamingTheVariableAndArn() throws Exception {
		String arn = "arn:aws:secretsmanager:us-east-1:000000000000:secret:llmgw/absent-AbCdEf";
		Map<String, String> environment = awsEnvironment();
		environment.put("LITELLM_MASTER_KEY_SECRET_ARN", arn);
		assertFailsWith(environment,
				"LITELLM_MASTER_KEY_SECRET_ARN: secret " + arn + " not found (ResourceNotFoundException)");
	}

	private void assertFailsWith(Map<String, String> environment, String message) throws Exception {
		environment.put("SERVER_PORT", Integer.toString(GatewayJar.freePort()));
		Process gateway = start(environment);
		assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
		assertThat(gateway.exitValue()).isNotZero();
		assertThat(log()).contains(message);
	}

	private Map<String, String> awsEnvironment() {
		Map<String, String> environment = new HashMap<>();
		environment.put("AWS_ENDPOINT_URL_S3", this.fake);
		environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", this.fake);
		environment.put("AWS_ACCESS_KEY_ID", "AKIDFAKE");
		environment.put("AWS_SECRET_ACCESS_KEY", "fake-secret");
		environment.put("AWS_REGION", "us-east-1");
		return environment;
	}

	private HttpResponse<String> chat(int port, String key, String model) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
			.header("Authorization", "Bearer " + key)
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"from S3\"}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void putObject(String key, String content) throws Exception {
		HttpResponse<String> response = this.client
			.send(HttpRequest.newBuilder(URI.create(this.fake + "/fake/s3/" + BUCKET + "/" + key))
				.PUT(HttpRequest.BodyPublishers.ofString(content))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private String putSecret(String name, String value) throws Exception {
		String body = "{\"name\":\"" + name + "\",\"secretString\":\"" + value.replace("\"", "\\\"") + "\"}";
		String reply = this.client
			.send(HttpRequest.newBuilder(URI.create(this.fake + "/fake/secrets"))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		int start = reply.indexOf("arn:");
		return reply.substring(start, reply.indexOf('"', start));
	}

	private String log() throws IOException {
		return GatewayJar.log(this.dir);
	}

	private Process start(Map<String, String> environment) throws IOException {
		return GatewayJar.start(this.dir, environment);
	}

}
