package dev.llmgw.gateway.providers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.TestGatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@code litellm_params.model} whose provider prefix the gateway does not know stops
 * the start, naming the entry's path, rather than loading and failing the model's first
 * call; every prefix the README lists still loads.
 */
class UnknownProviderTests {

	@TempDir
	Path dir;

	@Test
	void anUnknownPrefixIsRefusedNamingItsPath() {
		GatewayConfig config = parse("""
				model_list:
				  - model_name: fine
				    litellm_params: {model: openai/gpt-4o, api_key: k}
				  - model_name: typo
				    litellm_params: {model: vertexai/gemini-2.0-flash}
				""");
		assertThatThrownBy(() -> new ModelRegistry(config)).isInstanceOf(ConfigException.class)
			.hasMessageStartingWith("model_list[1].litellm_params.model: unknown provider 'vertexai'")
			.hasMessageContaining("\"vertexai/gemini-2.0-flash\"")
			.hasMessageContaining("vertex_ai");
	}

	@Test
	void everyPrefixTheReadmeListsLoads() {
		StringBuilder yaml = new StringBuilder("model_list:\n");
		String[] prefixes = { "openai", "groq", "deepseek", "xai", "mistral", "codestral", "text-completion-codestral",
				"perplexity", "nvidia_nim", "github", "databricks", "together_ai", "fireworks_ai", "huggingface",
				"ai21", "azure_ai", "hosted_vllm", "ollama", "openai_like", "custom_openai", "azure", "anthropic",
				"bedrock", "gemini", "cohere", "cohere_chat", "sagemaker", "sagemaker_chat", "vertex_ai" };
		for (String prefix : prefixes) {
			yaml.append("  - model_name: m-")
				.append(prefix)
				.append("\n    litellm_params: {model: ")
				.append(prefix)
				.append("/some-model, api_key: k, api_base: \"http://127.0.0.1:1\", vertex_project: p}\n");
		}
		yaml.append("  - model_name: bare\n    litellm_params: {model: gpt-4o-mini, api_key: k}\n");
		GatewayConfig config = parse(yaml.toString());
		assertThatNoException().isThrownBy(() -> new ModelRegistry(config));
	}

	@Test
	void theGatewayDoesNotStartWithAnUnknownPrefix() throws Exception {
		Path config = Files.createTempFile(this.dir, "config", ".yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: gpt-4o-mini
				    litellm_params: {model: openai/gpt-4o-mini, api_base: "%s", api_key: k}
				  - model_name: claude
				    litellm_params: {model: antropic/claude-3-5-sonnet-20241022, api_key: k}
				general_settings: {master_key: %s}
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), TestGatewayConfig.MASTER_KEY));
		assertThatThrownBy(() -> GatewayInstances
			.startWithConfig(config, "--gateway.data-dir=" + this.dir.resolve("data-" + UUID.randomUUID()))
			.close()).hasStackTraceContaining("model_list[1].litellm_params.model: unknown provider 'antropic'");
	}

	private static GatewayConfig parse(String yaml) {
		return new ConfigLoader(EnvironmentLookup.of(Map.of())).parse(yaml, "test");
	}

}
