package dev.llmgw.gateway.providers.gemini;

import java.util.Map;

import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ProviderEndpoints;

/**
 * Where a Gemini deployment's model lives and the key header it needs. The key goes in
 * {@code x-goog-api-key}, not in the {@code ?key=} query parameter, so that it never
 * appears in a URL that a proxy or log might keep
 * (https://ai.google.dev/gemini-api/docs/api-key).
 *
 * @param modelUrl {@code {api_base}/v1beta/models/{model}}, to which the method is
 * appended
 * @param headers the key header
 */
record GeminiEndpoint(String modelUrl, Map<String, String> headers) {

	static GeminiEndpoint of(Deployment deployment) {
		return new GeminiEndpoint(
				ProviderEndpoints.base(deployment) + "/v1beta/models/" + modelId(deployment.providerModel()),
				Map.of("x-goog-api-key", ProviderEndpoints.requiredKey(deployment)));
	}

	/** LiteLLM accepts both {@code gemini/gemini-2.0-flash} and the resource name. */
	static String modelId(String providerModel) {
		return providerModel.startsWith("models/") ? providerModel.substring("models/".length()) : providerModel;
	}

	String url(String method) {
		return this.modelUrl + ":" + method;
	}

	@Override
	public String toString() {
		return "GeminiEndpoint[" + this.modelUrl + "]";
	}

}
