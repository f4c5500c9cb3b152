package dev.llmgw.gateway.config;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A loaded LiteLLM-format config.yaml.
 *
 * @param source where it came from, for messages
 * @param modelList the deployments
 * @param litellmSettings {@code litellm_settings}
 * @param routerSettings {@code router_settings}
 * @param generalSettings {@code general_settings}
 * @param guardrails {@code guardrails}, read by the guardrails feature
 * @param environment environment variables as the config sees them
 * @param warnings unknown keys and unset variables, logged at start-up
 * @param callbackSettings {@code callback_settings}, read by the logging callbacks
 * @param credentials {@code credential_list}, which stored models may name too
 */
public record GatewayConfig(String source, List<DeploymentConfig> modelList, LitellmSettings litellmSettings,
		RouterSettings routerSettings, GeneralSettings generalSettings, List<Map<String, Object>> guardrails,
		EnvironmentLookup environment, List<String> warnings, Map<String, Object> callbackSettings,
		Credentials credentials) {

	public static GatewayConfig empty(String source, EnvironmentLookup environment) {
		return new GatewayConfig(source, List.of(), LitellmSettings.DEFAULTS, RouterSettings.DEFAULTS,
				GeneralSettings.DEFAULTS, List.of(), environment, List.of(), Map.of(), Credentials.NONE);
	}

	/** The same config with these warnings, logged at start-up. */
	public GatewayConfig withWarnings(List<String> newWarnings) {
		return new GatewayConfig(this.source, this.modelList, this.litellmSettings, this.routerSettings,
				this.generalSettings, this.guardrails, this.environment, List.copyOf(newWarnings),
				this.callbackSettings, this.credentials);
	}

	/**
	 * The master key: general_settings.master_key, else LITELLM_MASTER_KEY; null when
	 * neither is set.
	 */
	public @Nullable String masterKey() {
		String configured = this.generalSettings.masterKey();
		if (configured != null && EnvironmentLookup.referencedVariable(configured) == null && !configured.isBlank()) {
			return configured;
		}
		String fromEnv = this.environment.get("LITELLM_MASTER_KEY");
		return (fromEnv == null || fromEnv.isBlank()) ? null : fromEnv;
	}

	/**
	 * The largest request body accepted: {@code general_settings.max_request_size_mb},
	 * else the service's default. Read by the body reader and the size filter, which must
	 * agree.
	 */
	public long maxRequestBytes(GatewayProperties properties) {
		Double configured = generalSettings().maxRequestSizeMb();
		double megabytes = (configured != null) ? configured : properties.defaultMaxRequestSizeMb();
		return (long) (megabytes * 1024 * 1024);
	}

}
