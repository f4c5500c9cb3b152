package dev.llmgw.gateway.providers;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Credential;
import dev.llmgw.gateway.providers.Deployment;
import org.jspecify.annotations.Nullable;

/**
 * A deployment's base URL and key, read per call from what the config resolved at load,
 * so that a deployment whose key or base URL is missing fails on its own calls, with a
 * message naming the setting or variable to set, while the others work.
 */
public final class ProviderEndpoints {

	private ProviderEndpoints() {
	}

	/**
	 * @param deployment who is called
	 * @return its base URL
	 * @throws BadRequestError naming what to set when there is none
	 */
	public static String base(Deployment deployment) {
		String base = deployment.apiBase();
		if (base == null) {
			String variable = deployment.provider().apiBaseVariable();
			throw new BadRequestError("No api_base for " + who(deployment) + ": set litellm_params.api_base"
					+ ((variable != null) ? " or the environment variable " + variable : ""), null, "model");
		}
		String baseVariable = EnvironmentLookup.referencedVariable(base);
		if (baseVariable != null) {
			throw new BadRequestError(
					"No api_base for " + who(deployment) + ": environment variable " + baseVariable + " is not set",
					null, "model");
		}
		return base;
	}

	/**
	 * @param deployment who is called
	 * @return its key, null for a provider that needs none (a local server)
	 * @throws AuthenticationError naming the variable when the key is missing
	 */
	public static @Nullable String key(Deployment deployment) {
		Credential credential = deployment.credential();
		if (credential.missingVariable() != null) {
			throw missingKey(deployment, credential.missingVariable());
		}
		return credential.key();
	}

	/** The key of a provider that always needs one. */
	public static String requiredKey(Deployment deployment) {
		String key = key(deployment);
		if (key == null) {
			String variable = deployment.provider().apiKeyVariable();
			throw missingKey(deployment, (variable != null) ? variable : "api_key");
		}
		return key;
	}

	private static AuthenticationError missingKey(Deployment deployment, String variable) {
		return new AuthenticationError(
				"Missing API key for " + who(deployment) + ": environment variable " + variable + " is not set");
	}

	private static String who(Deployment deployment) {
		return "model " + deployment.modelName() + " (" + deployment.provider().name() + ")";
	}

}
