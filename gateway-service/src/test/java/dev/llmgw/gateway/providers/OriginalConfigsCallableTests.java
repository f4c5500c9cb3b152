package dev.llmgw.gateway.providers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.routing.ModelGroup;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.EmbeddingRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every one of the original project's configs loads, and for each provider it names, a
 * chat model answers (and an embedding model embeds) through that provider's adapter,
 * against the fake server speaking the provider's own wire shape. Keys and endpoints come
 * from the environment variables an operator of the original sets.
 */
class OriginalConfigsCallableTests {

	private static final Path ORIGINAL_CONFIGS = Path.of("../../shared/data/original-config");

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private static UpstreamClient client;

	private static ProviderRegistry providers;

	private static EnvironmentLookup environment;

	@BeforeAll
	static void start() {
		String root = "http://127.0.0.1:" + FakeLlmServerProcess.shared().port();
		Map<String, String> variables = new HashMap<>();
		for (ProviderSpec spec : ProviderCatalog.all()) {
			if (spec.apiKeyVariable() != null) {
				variables.put(spec.apiKeyVariable(), "fake-key");
			}
			if (spec.apiBaseVariable() != null) {
				boolean openAi = spec.adapter() == ProviderSpec.Adapter.OPENAI_COMPATIBLE;
				variables.put(spec.apiBaseVariable(), openAi ? root + "/v1" : root);
			}
		}
		variables.put("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", root);
		variables.put("AWS_ACCESS_KEY_ID", "AKIDCONFIGS");
		variables.put("AWS_SECRET_ACCESS_KEY", "configs-secret");
		environment = EnvironmentLookup.of(variables);
		client = new UpstreamClient(Duration.ofSeconds(2), 20, Duration.ofSeconds(30));
		providers = new ProviderRegistry(client, JSON, environment);
	}

	@AfterAll
	static void stop() {
		providers.dispose();
		client.dispose();
	}

	static Stream<Path> originalConfigs() throws IOException {
		assertThat(ORIGINAL_CONFIGS).as("shared/ must sit beside the repository").isDirectory();
		return Files.list(ORIGINAL_CONFIGS).filter((path) -> path.toString().endsWith(".yaml")).sorted();
	}

	@ParameterizedTest
	@MethodSource("originalConfigs")
	void everyModelAnswers(Path file) throws IOException {
		GatewayConfig config = new ConfigLoader(environment).load(file);
		ModelRegistry registry = new ModelRegistry(config);
		List<String> called = new ArrayList<>();
		List<String> notCallable = new ArrayList<>();
		for (ModelGroup group : registry.groups().values()) {
			for (Deployment deployment : group.deployments()) {
				assertThat(deployment.provider().adapter()).as(deployment.modelName() + " has an adapter")
					.isNotEqualTo(ProviderSpec.Adapter.UNAVAILABLE);
				String name = deployment.providerModel().toLowerCase(Locale.ROOT);
				if (isVideo(name)) {
					notCallable.add(deployment.modelName());
				}
				else if (name.contains("rerank")) {
					ChatResult result = providers.forDeployment(deployment)
						.rerank(new RerankCall(deployment,
								new RerankRequest(deployment.modelName(), "blue sky",
										List.of("green grass", "a blue sky at noon"), 1, true),
								"configs"))
						.block();
					assertThat(JSON.readTree(result.body()).at("/results/0/index").asInt()).as(deployment.toString())
						.isEqualTo(1);
				}
				else if (name.contains("embed")) {
					ChatResult result = providers.forDeployment(deployment)
						.embed(new EmbeddingCall(deployment,
								new EmbeddingRequest(deployment.modelName(), "embed me", null, null), "configs"))
						.block();
					assertThat(JSON.readTree(result.body()).at("/data/0/embedding").size()).as(deployment.toString())
						.isPositive();
				}
				else if (isImage(name)) {
					Map<String, Object> request = new LinkedHashMap<>();
					request.put("model", deployment.modelName());
					request.put("prompt", "a lighthouse");
					ChatResult result = providers.forDeployment(deployment)
						.generateImages(new ImageCall(deployment, request, "configs"))
						.block();
					assertThat(JSON.readTree(result.body()).at("/data/0/b64_json").asString()).as(deployment.toString())
						.isNotEmpty();
				}
				else {
					ChatCompletionRequest request = new ChatCompletionRequest(deployment.modelName(),
							List.of(ChatMessage.of("user", "hello " + deployment.modelName())), null, null, 50, null,
							null, null, null, null, null, null);
					ChatResult result = providers.forDeployment(deployment)
						.complete(new ProviderCall(deployment, request, "configs"))
						.block();
					assertThat(new String(result.body())).as(deployment.toString())
						.contains("You said: hello " + deployment.modelName());
					assertThat(result.usage().totalTokens()).as(deployment.toString()).isPositive();
				}
				called.add(deployment.modelName());
			}
		}
		// the file of models that need manual configuration has every entry commented out
		if (!file.getFileName().toString().startsWith("details-")) {
			assertThat(called).as(file.getFileName().toString()).isNotEmpty();
		}
		// video models load and are listed, but neither LiteLLM nor the gateway has a
		// route
		// for Bedrock's video generation (an asynchronous invocation)
		assertThat(notCallable).as(file.getFileName().toString())
			.allMatch((model) -> model.contains("nova-reel") || model.contains("luma.ray"));
	}

	private static boolean isImage(String model) {
		return model.contains("image") || model.contains("canvas") || model.contains("stability")
				|| model.contains("stable-diffusion") || model.contains("sd3");
	}

	private static boolean isVideo(String model) {
		return model.contains("nova-reel") || model.contains("luma.ray");
	}

}
