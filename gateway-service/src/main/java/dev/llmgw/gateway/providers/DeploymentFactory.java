package dev.llmgw.gateway.providers;

import java.time.Duration;
import java.util.HexFormat;

import dev.llmgw.digest.Digests;
import dev.llmgw.gateway.config.DeploymentConfig;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.LitellmParams;
import dev.llmgw.gateway.providers.ProviderCatalog;
import dev.llmgw.gateway.providers.ProviderSpec;
import dev.llmgw.gateway.providers.vertex.VertexSetups;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a {@code model_list} entry into a callable {@link Deployment}: provider,
 * endpoint (api_base, else the provider's base URL variable, else its default),
 * credential (api_key, else the provider's key variable), timeouts (the entry's, else
 * router_settings.timeout, else litellm_settings.request_timeout, else 600 s) and what
 * the adapter resolves up front (Vertex AI's service account and project).
 */
public final class DeploymentFactory {

	private static final double DEFAULT_TIMEOUT_SECONDS = 600;

	private final GatewayConfig config;

	private final VertexSetups vertex;

	public DeploymentFactory(GatewayConfig config) {
		this.config = config;
		this.vertex = new VertexSetups(config.environment());
	}

	/**
	 * @param entry the model_list entry
	 * @param modelName the model group
	 * @param providerModel the model id sent to the provider (a wildcard's match)
	 * @return the deployment
	 * @throws dev.llmgw.gateway.config.ConfigException naming the path when a config.yaml
	 * entry names a provider this gateway does not know (a stored model's calls answer a
	 * 400 instead, so one bad row cannot stop the others)
	 */
	public Deployment create(DeploymentConfig entry, String modelName, String providerModel) {
		LitellmParams params = entry.params();
		if (entry.index() >= 0) {
			ProviderCatalog.requireKnown(params.provider(), params.model(), path(entry) + ".model");
			TypedDefaults.check(params.defaults(), path(entry));
		}
		ProviderSpec provider = ProviderCatalog.get(params.provider());
		EnvironmentLookup env = this.config.environment();
		String apiBase = params.apiBase();
		if (apiBase == null && provider.apiBaseVariable() != null) {
			apiBase = env.get(provider.apiBaseVariable());
		}
		if (apiBase == null) {
			apiBase = provider.defaultApiBase();
		}
		String id = (entry.modelInfo().id() != null) ? entry.modelInfo().id() : derivedId(entry, providerModel);
		Duration timeout = seconds(firstNonNull(params.timeoutSeconds(), this.config.routerSettings().timeoutSeconds(),
				this.config.litellmSettings().requestTimeoutSeconds()));
		Duration streamTimeout = (params.streamTimeoutSeconds() != null) ? seconds(params.streamTimeoutSeconds())
				: timeout;
		// read once here, at start-up for config.yaml's models, never by a call
		ProviderSetup setup = (provider.adapter() == ProviderSpec.Adapter.VERTEX_AI)
				? this.vertex.setup(params.providerSettings(), path(entry), entry.index() >= 0) : null;
		return new Deployment(id, modelName, provider, providerModel, trimSlash(apiBase), credential(params, provider),
				params, entry.modelInfo(), timeout, streamTimeout,
				(params.dropParams() != null) ? params.dropParams() : this.config.litellmSettings().dropParams(),
				setup);
	}

	/** Where an entry's litellm_params are, for messages. */
	private static String path(DeploymentConfig entry) {
		return (entry.index() >= 0) ? "model_list[" + entry.index() + "].litellm_params" : "litellm_params";
	}

	private Credential credential(LitellmParams params, ProviderSpec provider) {
		String configured = params.apiKey();
		if (configured != null) {
			String variable = EnvironmentLookup.referencedVariable(configured);
			return (variable != null) ? Credential.missing(variable) : Credential.of(configured);
		}
		String variable = provider.apiKeyVariable();
		String fromEnv = (variable != null) ? this.config.environment().get(variable) : null;
		if (fromEnv != null && !fromEnv.isBlank()) {
			return Credential.of(fromEnv);
		}
		return (provider.keyRequired() && variable != null) ? Credential.missing(variable) : Credential.NONE;
	}

	private static String derivedId(DeploymentConfig entry, String providerModel) {
		String identity = entry.index() + "|" + entry.modelName() + "|" + entry.params().provider() + "/"
				+ providerModel + "|" + entry.params().apiBase();
		return HexFormat.of().formatHex(Digests.sha256(identity), 0, 16);
	}

	private static @Nullable Double firstNonNull(@Nullable Double... values) {
		for (Double value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static Duration seconds(@Nullable Double seconds) {
		double value = (seconds != null) ? seconds : DEFAULT_TIMEOUT_SECONDS;
		return Duration.ofMillis(Math.round(value * 1000));
	}

	private static @Nullable String trimSlash(@Nullable String url) {
		if (url == null || EnvironmentLookup.referencedVariable(url) != null) {
			return url;
		}
		String trimmed = url.trim();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed;
	}

}
