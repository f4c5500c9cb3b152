package dev.llmgw.gateway.providers.openai;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.routing.Credential;
import dev.llmgw.gateway.routing.Deployment;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to call a deployment's chat completions endpoint. Built per call from
 * values resolved at load, so that a deployment whose key or base URL is missing fails
 * here, with a message naming the variable to set.
 *
 * @param url the chat completions URL
 * @param authorization the Authorization header value, null when the provider needs no
 * key
 */
record OpenAiEndpoint(String url, @Nullable String authorization) {

	static OpenAiEndpoint chatCompletions(Deployment deployment) {
		return of(deployment, "/chat/completions");
	}

	static OpenAiEndpoint embeddings(Deployment deployment) {
		return of(deployment, "/embeddings");
	}

	static OpenAiEndpoint of(Deployment deployment, String path) {
		String base = deployment.apiBase();
		String who = "model " + deployment.modelName() + " (" + deployment.provider().name() + ")";
		if (base == null) {
			throw new BadRequestError("No api_base for " + who + ": set litellm_params.api_base"
					+ hint(deployment.provider().apiBaseVariable()), null, "model");
		}
		String baseVariable = EnvironmentLookup.referencedVariable(base);
		if (baseVariable != null) {
			throw new BadRequestError(
					"No api_base for " + who + ": environment variable " + baseVariable + " is not set", null, "model");
		}
		Credential credential = deployment.credential();
		if (credential.missingVariable() != null) {
			throw new AuthenticationError("Missing API key for " + who + ": environment variable "
					+ credential.missingVariable() + " is not set");
		}
		String key = credential.key();
		return new OpenAiEndpoint(base + path, (key != null) ? "Bearer " + key : null);
	}

	private static String hint(@Nullable String variable) {
		return (variable != null) ? " or the environment variable " + variable : "";
	}

}
