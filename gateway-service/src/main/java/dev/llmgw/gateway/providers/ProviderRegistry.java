package dev.llmgw.gateway.providers;

import java.util.EnumMap;
import java.util.Map;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.anthropic.AnthropicProvider;
import dev.llmgw.gateway.providers.bedrock.BedrockProvider;
import dev.llmgw.gateway.providers.cohere.CohereProvider;
import dev.llmgw.gateway.providers.gemini.GeminiProvider;
import dev.llmgw.gateway.providers.openai.OpenAiCompatibleProvider;
import dev.llmgw.gateway.providers.sagemaker.SageMakerProvider;
import dev.llmgw.gateway.providers.vertex.VertexProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * The adapter for each provider protocol; a new provider adds one entry here and its own
 * package.
 */
public final class ProviderRegistry {

	private final Map<ProviderSpec.Adapter, ChatProvider> adapters = new EnumMap<>(ProviderSpec.Adapter.class);

	private final BedrockProvider bedrock;

	private final SageMakerProvider sageMaker;

	private final ProviderHeadroom headroom = new ProviderHeadroom();

	public ProviderRegistry(UpstreamClient client, JsonMapper mapper, EnvironmentLookup environment) {
		this.bedrock = new BedrockProvider(mapper, environment);
		ProviderHttp http = new ProviderHttp(client, this.headroom);
		OpenAiCompatibleProvider openAi = new OpenAiCompatibleProvider(http, mapper, environment);
		this.adapters.put(ProviderSpec.Adapter.OPENAI_COMPATIBLE, openAi);
		this.adapters.put(ProviderSpec.Adapter.AZURE_OPENAI, openAi);
		this.adapters.put(ProviderSpec.Adapter.BEDROCK, this.bedrock);
		this.adapters.put(ProviderSpec.Adapter.ANTHROPIC, new AnthropicProvider(http, mapper));
		this.adapters.put(ProviderSpec.Adapter.GEMINI, new GeminiProvider(http, mapper));
		this.adapters.put(ProviderSpec.Adapter.COHERE, new CohereProvider(http, mapper));
		this.sageMaker = new SageMakerProvider(http, mapper, environment);
		this.adapters.put(ProviderSpec.Adapter.SAGEMAKER, this.sageMaker);
		this.adapters.put(ProviderSpec.Adapter.VERTEX_AI, new VertexProvider(http, mapper));
		this.adapters.put(ProviderSpec.Adapter.UNAVAILABLE, new UnavailableProvider());
		// LiteLLM's mock_response and router test switches answer before any provider
		this.adapters.replaceAll((adapter, provider) -> new MockResponses(provider, mapper));
	}

	public void dispose() {
		this.bedrock.close();
		this.sageMaker.close();
	}

	/** What the providers said they have left, per deployment. */
	public ProviderHeadroom headroom() {
		return this.headroom;
	}

	public ChatProvider forDeployment(Deployment deployment) {
		return this.adapters.get(deployment.provider().adapter());
	}

}
