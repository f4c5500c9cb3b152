package dev.llmgw.gateway.providers.openai;

import java.util.Map;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ProviderEndpoints;
import dev.llmgw.gateway.providers.ProviderSpec;

/**
 * Where and how to call one of a deployment's endpoints. Built per call from values
 * resolved at load, so that a deployment whose key or base URL is missing fails here,
 * with a message naming the variable to set. Azure OpenAI differs only here: the
 * deployment name and {@code api-version} go in the URL
 * (https://learn.microsoft.com/azure/ai-services/openai/reference), and the key in an
 * {@code api-key} header, or an Entra ID token as a bearer when {@code azure_ad_token} is
 * configured.
 *
 * @param url the full URL
 * @param headers the auth headers
 */
record OpenAiEndpoint(String url, Map<String, String> headers) {

	/**
	 * Azure's current GA API version, used when neither api_version nor AZURE_API_VERSION
	 * is set.
	 */
	static final String AZURE_DEFAULT_API_VERSION = "2024-10-21";

	/** The Responses API's version on Azure when the configured one predates it. */
	static final String AZURE_RESPONSES_API_VERSION = "2025-04-01-preview";

	static OpenAiEndpoint chatCompletions(Deployment deployment, EnvironmentLookup environment) {
		return of(deployment, "/chat/completions", environment);
	}

	static OpenAiEndpoint embeddings(Deployment deployment, EnvironmentLookup environment) {
		return of(deployment, "/embeddings", environment);
	}

	/**
	 * The Responses API: {@code /responses} beside chat, and on Azure
	 * {@code /openai/responses} with the deployment in the body and an api-version that
	 * has it (2025-03-01-preview or later; an older configured version gives way to
	 * {@value #AZURE_RESPONSES_API_VERSION}).
	 */
	static OpenAiEndpoint responses(Deployment deployment, EnvironmentLookup environment) {
		return account(deployment, "/responses", environment, "2025-03-01-preview", AZURE_RESPONSES_API_VERSION);
	}

	/**
	 * The account-wide Files and Batch APIs: beside chat, and on Azure under
	 * {@code /openai} (not a deployment) with the api-version, 2024-10-21 or later.
	 */
	static OpenAiEndpoint account(Deployment deployment, String path, EnvironmentLookup environment) {
		return account(deployment, path, environment, AZURE_DEFAULT_API_VERSION, AZURE_DEFAULT_API_VERSION);
	}

	/**
	 * An API of the account rather than of a deployment: beside chat, and on Azure under
	 * {@code /openai} with the chat deployment's host, headers and api-version, or
	 * {@code instead} when that version is older than {@code oldest}.
	 */
	private static OpenAiEndpoint account(Deployment deployment, String path, EnvironmentLookup environment,
			String oldest, String instead) {
		if (deployment.provider().adapter() != ProviderSpec.Adapter.AZURE_OPENAI) {
			return of(deployment, path, environment);
		}
		OpenAiEndpoint chat = of(deployment, "/chat/completions", environment);
		String version = chat.url().substring(chat.url().indexOf("?api-version=") + "?api-version=".length());
		String root = chat.url().substring(0, chat.url().indexOf("/openai/deployments/"));
		return new OpenAiEndpoint(
				root + "/openai" + path + "?api-version=" + ((version.compareTo(oldest) < 0) ? instead : version),
				chat.headers());
	}

	static OpenAiEndpoint images(Deployment deployment, EnvironmentLookup environment) {
		return of(deployment, "/images/generations", environment);
	}

	static OpenAiEndpoint of(Deployment deployment, String path, EnvironmentLookup environment) {
		String base = ProviderEndpoints.base(deployment);
		if (deployment.provider().adapter() == ProviderSpec.Adapter.AZURE_OPENAI) {
			return azure(deployment, base, path, environment);
		}
		String key = ProviderEndpoints.key(deployment);
		return new OpenAiEndpoint(base + path, (key != null) ? Map.of("Authorization", "Bearer " + key) : Map.of());
	}

	private static OpenAiEndpoint azure(Deployment deployment, String base, String path,
			EnvironmentLookup environment) {
		String version = deployment.params().apiVersion();
		if (version == null || EnvironmentLookup.referencedVariable(version) != null) {
			String fromEnv = environment.get("AZURE_API_VERSION");
			version = (fromEnv != null && !fromEnv.isBlank()) ? fromEnv : AZURE_DEFAULT_API_VERSION;
		}
		String root = base.endsWith("/openai") ? base.substring(0, base.length() - "/openai".length()) : base;
		String url = root + "/openai/deployments/" + deployment.providerModel() + path + "?api-version=" + version;
		if (EntraTokens.configured(deployment.params().providerSettings())) {
			// the bearer token is fetched per call (cached) by EntraTokens
			return new OpenAiEndpoint(url, Map.of());
		}
		Object adToken = deployment.params().providerSettings().get("azure_ad_token");
		if (adToken instanceof String token && EnvironmentLookup.referencedVariable(token) == null) {
			return new OpenAiEndpoint(url, Map.of("Authorization", "Bearer " + token));
		}
		String key = ProviderEndpoints.key(deployment);
		return new OpenAiEndpoint(url, (key != null) ? Map.of("api-key", key) : Map.of());
	}

	OpenAiEndpoint withBearer(String token) {
		return new OpenAiEndpoint(this.url, Map.of("Authorization", "Bearer " + token));
	}

}
