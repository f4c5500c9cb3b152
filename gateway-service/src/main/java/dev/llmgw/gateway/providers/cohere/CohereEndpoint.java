package dev.llmgw.gateway.providers.cohere;

import java.util.Map;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.routing.Credential;
import dev.llmgw.gateway.routing.Deployment;

/**
 * Where a Cohere deployment lives and its bearer key
 * (https://docs.cohere.com/reference/about#authentication).
 *
 * @param base the API base URL, without {@code /v2}
 * @param headers the Authorization header
 */
record CohereEndpoint(String base, Map<String, String> headers) {

	static CohereEndpoint of(Deployment deployment) {
		String who = "model " + deployment.modelName() + " (" + deployment.provider().name() + ")";
		String base = deployment.apiBase();
		if (base == null || EnvironmentLookup.referencedVariable(base) != null) {
			throw new BadRequestError(
					"No api_base for " + who
							+ ": set litellm_params.api_base or the environment variable COHERE_API_BASE",
					null, "model");
		}
		Credential credential = deployment.credential();
		if (credential.key() == null) {
			String variable = (credential.missingVariable() != null) ? credential.missingVariable() : "COHERE_API_KEY";
			throw new AuthenticationError(
					"Missing API key for " + who + ": environment variable " + variable + " is not set");
		}
		// api_base may be given with the version, as Cohere's docs print it
		String root = base.endsWith("/v2") ? base.substring(0, base.length() - "/v2".length()) : base;
		return new CohereEndpoint(root, Map.of("Authorization", "Bearer " + credential.key()));
	}

	String url(String path) {
		return this.base + path;
	}

	@Override
	public String toString() {
		return "CohereEndpoint[" + this.base + "]";
	}

}
