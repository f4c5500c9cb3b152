package dev.llmgw.gateway.providers;

import java.util.EnumMap;
import java.util.Map;

import dev.llmgw.gateway.providers.openai.OpenAiCompatibleProvider;
import dev.llmgw.gateway.routing.Deployment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The adapter for each provider protocol; a new provider adds one entry here and its own
 * package.
 */
public final class ProviderRegistry {

	private final Map<ProviderSpec.Adapter, ChatProvider> adapters = new EnumMap<>(ProviderSpec.Adapter.class);

	public ProviderRegistry(UpstreamClient client, JsonMapper mapper) {
		this.adapters.put(ProviderSpec.Adapter.OPENAI_COMPATIBLE, new OpenAiCompatibleProvider(client, mapper));
		this.adapters.put(ProviderSpec.Adapter.UNAVAILABLE, new UnavailableProvider());
	}

	public ChatProvider forDeployment(Deployment deployment) {
		return this.adapters.get(deployment.provider().adapter());
	}

}
