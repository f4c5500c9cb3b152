package dev.llmgw.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LiteLLM's {@code include:}: files beside the config join it. */
class ConfigIncludesTests {

	@TempDir
	Path dir;

	private final ConfigLoader loader = new ConfigLoader(EnvironmentLookup.of(Map.of("OWN_KEY", "sk-own")));

	@Test
	void includedModelListsFollowTheConfigsOwnAndOtherSectionsJoin() throws IOException {
		Files.createDirectories(this.dir.resolve("more"));
		Files.writeString(this.dir.resolve("config.yaml"), """
				include:
				  - models.yaml
				  - more/router.yaml
				model_list:
				  - model_name: own
				    litellm_params: {model: openai/own, api_key: os.environ/OWN_KEY}
				litellm_settings:
				  drop_params: true
				""");
		Files.writeString(this.dir.resolve("models.yaml"), """
				model_list:
				  - model_name: included
				    litellm_params: {model: openai/included}
				""");
		Files.writeString(this.dir.resolve("more/router.yaml"), """
				router_settings:
				  routing_strategy: least-busy
				""");
		GatewayConfig config = this.loader.load(this.dir.resolve("config.yaml"));
		assertThat(config.modelList()).extracting(DeploymentConfig::modelName).containsExactly("own", "included");
		assertThat(config.modelList().get(0).params().apiKey()).as("os.environ/ in the joined config")
			.isEqualTo("sk-own");
		assertThat(config.routerSettings().routingStrategy()).isEqualTo("least-busy");
		assertThat(config.litellmSettings().dropParams()).isTrue();
		assertThat(config.warnings()).noneMatch((warning) -> warning.contains("include"));
	}

	@Test
	void anIncludedFilesIncludesAreReadFromTheTopConfigsDirectory() throws IOException {
		Files.createDirectories(this.dir.resolve("sub"));
		Files.writeString(this.dir.resolve("config.yaml"), "include: [sub/a.yaml]\n");
		Files.writeString(this.dir.resolve("sub/a.yaml"), """
				include: [b.yaml]
				model_list: [{model_name: a, litellm_params: {model: openai/a}}]
				""");
		Files.writeString(this.dir.resolve("b.yaml"),
				"model_list: [{model_name: b, litellm_params: {model: openai/b}}]\n");
		assertThat(this.loader.load(this.dir.resolve("config.yaml")).modelList())
			.extracting(DeploymentConfig::modelName)
			.containsExactly("a", "b");
	}

	@Test
	void aMissingIncludedFileStopsTheStartNamingIt() throws IOException {
		Files.writeString(this.dir.resolve("config.yaml"), "include: [absent.yaml]\n");
		assertThatThrownBy(() -> this.loader.load(this.dir.resolve("config.yaml"))).isInstanceOf(ConfigException.class)
			.hasMessageContaining("included file not found")
			.hasMessageContaining("absent.yaml");
	}

	@Test
	void includeMustBeAListOfNamesAndIncludedFilesIncludeNothing() throws IOException {
		Files.writeString(this.dir.resolve("config.yaml"), "include: models.yaml\n");
		assertThatThrownBy(() -> this.loader.load(this.dir.resolve("config.yaml")))
			.hasMessageContaining("include: expected a list of file names");
		Files.writeString(this.dir.resolve("config.yaml"), "include: [null]\n");
		assertThatThrownBy(() -> this.loader.load(this.dir.resolve("config.yaml")))
			.hasMessageContaining("include[0]: expected a file name");
		Files.writeString(this.dir.resolve("config.yaml"), "include: [a.yaml]\n");
		Files.writeString(this.dir.resolve("a.yaml"), "include: [a.yaml]\n");
		assertThatThrownBy(() -> this.loader.load(this.dir.resolve("config.yaml")))
			.hasMessageContaining("a.yaml is included twice (or includes itself)");
		Files.writeString(this.dir.resolve("a.yaml"), "- a list\n");
		assertThatThrownBy(() -> this.loader.load(this.dir.resolve("config.yaml")))
			.hasMessageContaining("expected a mapping at the top");
	}

	@Test
	void aConfigReadFromTextAloneCannotInclude() {
		assertThatThrownBy(() -> this.loader.parse("include: [a.yaml]\n", "inline"))
			.hasMessageContaining("only a config read from a file or from S3 can include others");
	}

	@Test
	void includedObjectsOfAnS3ConfigAreItsNeighbours() {
		assertThat(S3ConfigSource.includedKey("", "default-config-base.yaml")).isEqualTo("default-config-base.yaml");
		assertThat(S3ConfigSource.includedKey("prod/", "models/own.yaml")).isEqualTo("prod/models/own.yaml");
		assertThat(S3ConfigSource.includedKey("prod/", "../shared.yaml")).isEqualTo("shared.yaml");
		assertThat(S3ConfigSource.includedKey("prod/", "./a//b.yaml")).isEqualTo("prod/a/b.yaml");
		assertThatThrownBy(() -> S3ConfigSource.includedKey("", "../../etc/passwd"))
			.hasMessageContaining("outside the config bucket");
	}

}
