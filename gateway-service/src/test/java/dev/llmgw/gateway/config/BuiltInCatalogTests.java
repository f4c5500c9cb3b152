package dev.llmgw.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original's catalog as the gateway ships it ({@code config/default-config-*.yaml},
 * in the jar under {@code catalog/}) and what a start with no config.yaml serves.
 */
class BuiltInCatalogTests {

	private static final Path ORIGINAL_CONFIGS = Path.of("../../shared/data/original-config");

	private static final Path CATALOG = Path.of("../config");

	static Stream<Path> originalCatalog() throws IOException {
		return Files.list(ORIGINAL_CONFIGS)
			.filter((path) -> path.getFileName().toString().startsWith("default-config-"))
			.sorted();
	}

	@ParameterizedTest
	@MethodSource("originalCatalog")
	void eachCatalogFileHoldsWhatTheOriginalsDoes(Path original) throws IOException {
		Path shipped = CATALOG.resolve(original.getFileName());
		assertThat(shipped).as("scripts/refresh-catalog.sh writes it").isRegularFile();
		assertThat(ConfigIncludes.parse(Files.readString(shipped), shipped.toString()))
			.isEqualTo(ConfigIncludes.parse(Files.readString(original), original.toString()));
	}

	@Test
	void aStartWithNoConfigServesBasePlusTheRegionsBedrockModels() {
		GatewayConfig config = load(Map.of("AWS_REGION", "eu-west-1"));
		List<String> names = config.modelList().stream().map(DeploymentConfig::modelName).toList();
		assertThat(names).contains("gpt-4o", "claude-3-5-sonnet-20240620", "amazon.titan-text-express-v1")
			.anyMatch((name) -> name.startsWith("eu.anthropic"));
		assertThat(config.source())
			.isEqualTo("built-in catalog (default-config-base.yaml + default-config-eu-west-1.yaml)");
		assertThat(config.routerSettings().routingStrategy()).as("the base's settings come too")
			.isEqualTo("usage-based-routing-v2");
		// a bare start has no Redis and no log bucket: the base's cache and s3 callback
		// are kept
		// from stopping it, each said
		assertThat(config.litellmSettings().cache().type()).isEqualTo("local");
		assertThat(config.litellmSettings().successCallback()).doesNotContain("s3");
		assertThat(config.warnings()).anyMatch((warning) -> warning.contains("response cache is kept in memory"))
			.anyMatch((warning) -> warning.contains("s3 callback is left out of litellm_settings.success_callback"));
	}

	@Test
	void withRedisAndALogBucketTheBaseIsServedAsItIs() {
		GatewayConfig config = load(
				Map.of("AWS_DEFAULT_REGION", "us-east-1", "REDIS_HOST", "127.0.0.1", "LOG_BUCKET_NAME", "logs"));
		assertThat(config.litellmSettings().cache().type()).isEqualTo("redis");
		assertThat(config.litellmSettings().successCallback()).containsExactly("s3");
		assertThat(config.source()).endsWith("default-config-us-east-1.yaml)");
	}

	@Test
	void withoutAKnownRegionOnlyTheBaseIsServedAndSaid() {
		GatewayConfig none = load(Map.of());
		assertThat(none.modelList()).noneMatch((entry) -> entry.params().provider().equals("bedrock"));
		assertThat(none.warnings()).anyMatch((warning) -> warning.contains("no AWS region"));
		for (String region : List.of("mars-north-1", "../default-config-base", "us-east-1/../../x")) {
			GatewayConfig unknown = load(Map.of("AWS_REGION", region));
			assertThat(unknown.modelList()).as(region).hasSameSizeAs(none.modelList());
			assertThat(unknown.warnings()).as(region)
				.anyMatch((warning) -> warning.contains("no Bedrock models for region"));
		}
	}

	private static GatewayConfig load(Map<String, String> variables) {
		EnvironmentLookup environment = EnvironmentLookup.of(variables);
		return BuiltInCatalog.load(new ConfigLoader(environment), environment);
	}

}
