package dev.llmgw.cloud;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * S3 and Secrets Manager through the real AWS SDK, pointed at the fake by the SDK's own
 * endpoint settings ({@code aws.endpointUrlS3}, {@code aws.endpointUrlSecretsManager}:
 * the system-property forms of {@code AWS_ENDPOINT_URL_S3} and
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}).
 */
class AwsStartupTests {

	private static final List<String> PROPERTIES = List.of("aws.endpointUrlS3", "aws.endpointUrlSecretsManager",
			"aws.accessKeyId", "aws.secretAccessKey", "aws.region");

	private static FakeAwsProcess fake;

	@BeforeAll
	static void start() throws Exception {
		fake = FakeAwsProcess.start();
		System.setProperty("aws.endpointUrlS3", fake.url());
		System.setProperty("aws.endpointUrlSecretsManager", fake.url());
		System.setProperty("aws.accessKeyId", "AKIDFAKE");
		System.setProperty("aws.secretAccessKey", "fake-secret");
		System.setProperty("aws.region", "us-east-1");
	}

	@AfterAll
	static void stop() throws Exception {
		PROPERTIES.forEach(System::clearProperty);
		fake.close();
	}

	@Test
	void fetchesAnObjectAndNamesAMissingOne() throws Exception {
		fake.putObject("llmgw-config", "gateway/config.yaml", "model_list: []\n");
		assertThat(new String(S3ConfigFetcher.fetch("llmgw-config", "gateway/config.yaml"), StandardCharsets.UTF_8))
			.isEqualTo("model_list: []\n");
		assertThatExceptionOfType(CloudStartupException.class)
			.isThrownBy(() -> S3ConfigFetcher.fetch("llmgw-config", "missing.yaml"))
			.withMessage("LITELLM_CONFIG_BUCKET_NAME/LITELLM_CONFIG_BUCKET_OBJECT_KEY: "
					+ "s3://llmgw-config/missing.yaml not found (NoSuchKey)");
	}

	@Test
	void exposesEachSecretUnderItsVariableAheadOfEverythingElse() throws Exception {
		String master = fake.putSecret("llmgw/master", "sk-master-from-secrets");
		String providers = fake.putSecret("llmgw/providers",
				"{\"OPENAI_API_KEY\":\"sk-openai\",\"ANTHROPIC_API_KEY\":\"sk-ant\"}");
		String database = fake.putSecret("llmgw/db", "{\"url\":\"postgresql://u:p@db:5432/llm\"}");
		Map<String, Object> variables = new HashMap<>();
		variables.put("LITELLM_MASTER_KEY_SECRET_ARN", master);
		variables.put("LITELLM_MASTER_KEY", "overridden");
		variables.put("OPENAI_API_KEY_SECRET_ARN", providers);
		variables.put("DATABASE_URL_SECRET_ARN", database + "#url");
		variables.put("UNUSED_SECRET_ARN", "");
		StandardEnvironment environment = environment(variables);
		postProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("LITELLM_MASTER_KEY")).isEqualTo("sk-master-from-secrets");
		assertThat(environment.getProperty("OPENAI_API_KEY")).isEqualTo("sk-openai");
		assertThat(environment.getProperty("DATABASE_URL")).isEqualTo("postgresql://u:p@db:5432/llm");
		assertThat(SecretsEnvironmentPostProcessor.secrets(environment)).containsOnlyKeys("LITELLM_MASTER_KEY",
				"OPENAI_API_KEY", "DATABASE_URL");
	}

	@Test
	void aMissingSecretOrFieldStopsStartUpNamingTheVariableAndArn() throws Exception {
		String arn = "arn:aws:secretsmanager:us-east-1:000000000000:secret:llmgw/nope-AbCdEf";
		assertThatExceptionOfType(CloudStartupException.class)
			.isThrownBy(() -> postProcessor().postProcessEnvironment(
					environment(Map.of("LITELLM_SALT_KEY_SECRET_ARN", arn)), new SpringApplication()))
			.withMessage("LITELLM_SALT_KEY_SECRET_ARN: secret " + arn + " not found (ResourceNotFoundException)");
		String salt = fake.putSecret("llmgw/salt", "{\"other\":\"sk-salt-value\"}");
		assertThatExceptionOfType(CloudStartupException.class)
			.isThrownBy(() -> postProcessor().postProcessEnvironment(
					environment(Map.of("LITELLM_SALT_KEY_SECRET_ARN", salt + "#salt")), new SpringApplication()))
			.withMessage("LITELLM_SALT_KEY_SECRET_ARN: secret " + salt + " has no text field \"salt\"")
			.withMessageNotContaining("sk-salt-value");
	}

	@Test
	void withoutSecretArnsNoPropertySourceIsAdded() {
		StandardEnvironment environment = environment(Map.of("LITELLM_MASTER_KEY", "sk-plain"));
		postProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(SecretsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty("LITELLM_MASTER_KEY")).isEqualTo("sk-plain");
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addLast(new MapPropertySource("test", variables));
		return environment;
	}

	private static SecretsEnvironmentPostProcessor postProcessor() {
		return new SecretsEnvironmentPostProcessor((destination) -> LogFactory.getLog(AwsStartupTests.class));
	}

}
