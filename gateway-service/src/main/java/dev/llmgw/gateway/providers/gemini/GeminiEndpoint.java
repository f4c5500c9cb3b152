package dev.llmgw.gateway.providers.gemini;

import java.util.Map;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.routing.Credential;
import dev.llmgw.gateway.routing.Deployment;

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
		String who = "model " + deployment.modelName() + " (gemini)";
		String base = deployment.apiBase();
		if (base == null || EnvironmentLookup.referencedVariable(base) != null) {
			throw new BadRequestError(
					"No api_base for " + who
							+ ": set litellm_params.api_base or the environment variable GEMINI_API_BASE",
					null, "model");
		}
		Credential credential = deployment.credential();
		if (credential.key() == null) {
			String variable = (credential.missingVariable() != null) ? credential.missingVariable() : "GEMINI_API_KEY";
			throw new AuthenticationError(
					"Missing API key for " + who + ": environment variable " + variable + " is not set");
		}
		return new GeminiEndpoint(base + "/v1beta/models/" + modelId(deployment.providerModel()),
				Map.of("x-goog-api-key", credential.key()));
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
