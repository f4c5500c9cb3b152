package dev.llmgw.gateway.routing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.providers.Credential;
import dev.llmgw.gateway.providers.Deployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelRegistryTests {

	private static final String CONFIG = """
			model_list:
			  - model_name: gpt-4o
			    litellm_params: {model: openai/gpt-4o, api_key: sk-a, weight: 3, timeout: 5}
			  - model_name: gpt-4o
			    litellm_params: {model: openai/gpt-4o, api_base: "http://second/v1/", api_key: sk-b, weight: 1}
			    model_info: {id: second}
			  - model_name: llama
			    litellm_params: {model: groq/llama-3, stream_timeout: 2}
			  - model_name: local
			    litellm_params: {model: hosted_vllm/qwen, api_base: "http://127.0.0.1:8000/v1"}
			  - model_name: "openai/*"
			    litellm_params: {model: "openai/*", api_key: sk-w}
			router_settings:
			  model_group_alias: {gpt-4: gpt-4o, dangling: nothing}
			""";

	private ModelRegistry registry(Map<String, String> env) {
		GatewayConfig config = new ConfigLoader(EnvironmentLookup.of(env)).parse(CONFIG, "test");
		return new ModelRegistry(config);
	}

	@Test
	void groupsAliasesAndWildcards() {
		ModelRegistry registry = registry(Map.of());
		assertThat(registry.modelNames()).containsExactly("gpt-4o", "llama", "local", "gpt-4");
		assertThat(registry.find("gpt-4o").deployments()).hasSize(2);
		assertThat(registry.find("gpt-4o").totalWeight()).isEqualTo(4);
		assertThat(registry.find("gpt-4")).isSameAs(registry.find("gpt-4o"));
		assertThat(registry.find("dangling")).isNull();
		ModelGroup wildcard = registry.find("openai/gpt-5-mini");
		assertThat(wildcard.name()).isEqualTo("openai/gpt-5-mini");
		assertThat(wildcard.deployments().get(0).providerModel()).isEqualTo("gpt-5-mini");
		assertThat(registry.find("anthropic/claude")).isNull();
	}

	@Test
	void resolvesEndpointsCredentialsAndTimeouts() {
		Map<String, String> env = new HashMap<>();
		env.put("GROQ_API_KEY", "gsk-env");
		ModelRegistry registry = registry(env);
		Deployment first = registry.find("gpt-4o").deployments().get(0);
		assertThat(first.apiBase()).isEqualTo("https://api.openai.com/v1");
		assertThat(first.credential().key()).isEqualTo("sk-a");
		assertThat(first.timeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(first.id()).hasSize(32);
		Deployment second = registry.find("gpt-4o").deployments().get(1);
		assertThat(second.id()).isEqualTo("second");
		assertThat(second.apiBase()).isEqualTo("http://second/v1");
		Deployment llama = registry.find("llama").deployments().get(0);
		assertThat(llama.apiBase()).isEqualTo("https://api.groq.com/openai/v1");
		assertThat(llama.credential().key()).isEqualTo("gsk-env");
		assertThat(llama.streamTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(llama.timeout()).isEqualTo(Duration.ofSeconds(600));
		assertThat(registry.find("local").deployments().get(0).credential()).isEqualTo(Credential.NONE);
	}

	@Test
	void aMissingKeyNamesItsVariableAndIsNeverPrinted() {
		Deployment llama = registry(Map.of()).find("llama").deployments().get(0);
		assertThat(llama.credential().missingVariable()).isEqualTo("GROQ_API_KEY");
		Deployment first = registry(Map.of()).find("gpt-4o").deployments().get(0);
		assertThat(first.credential().toString()).doesNotContain("sk-a");
		assertThat(first.toString()).doesNotContain("sk-a");
	}

	@Test
	void weightedShuffleFollowsWeights() {
		ModelGroup group = registry(Map.of()).find("gpt-4o");
		RoutingStrategy shuffle = RoutingStrategy.named("simple-shuffle",
				new DeploymentStats(java.time.Clock.systemUTC()), (deployment) -> 0);
		int second = 0;
		for (int i = 0; i < 4000; i++) {
			if (shuffle.pick(group.deployments()).id().equals("second")) {
				second++;
			}
		}
		// weight 1 of 4: expect about 1000; the bounds are many standard deviations wide
		assertThat(second).isBetween(800, 1200);
	}

}
