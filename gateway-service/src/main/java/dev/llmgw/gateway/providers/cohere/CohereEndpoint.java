package dev.llmgw.gateway.providers.cohere;

import java.util.Map;

import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ProviderEndpoints;

/**
 * Where a Cohere deployment lives and its bearer key
 * (https://docs.cohere.com/reference/about#authentication).
 *
 * @param base the API base URL, without {@code /v2}
 * @param headers the Authorization header
 */
record CohereEndpoint(String base, Map<String, String> headers) {

	static CohereEndpoint of(Deployment deployment) {
		String base = ProviderEndpoints.base(deployment);
		// api_base may be given with the version, as Cohere's docs print it
		String root = base.endsWith("/v2") ? base.substring(0, base.length() - "/v2".length()) : base;
		return new CohereEndpoint(root, Map.of("Authorization", "Bearer " + ProviderEndpoints.requiredKey(deployment)));
	}

	String url(String path) {
		return this.base + path;
	}

	@Override
	public String toString() {
		return "CohereEndpoint[" + this.base + "]";
	}

}
