package dev.llmgw.gateway.config;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code litellm_params} of one deployment. String values that name an unset environment
 * variable are kept as {@code os.environ/NAME}, so that calling the deployment fails
 * naming the variable while the rest still works.
 *
 * @param model {@code <provider>/<provider model id>}
 * @param apiKey provider credential
 * @param apiBase endpoint override
 * @param apiVersion Azure API version
 * @param awsRegionName Bedrock region
 * @param weight share in the weighted shuffle
 * @param rpm requests per minute this deployment may take
 * @param tpm tokens per minute this deployment may take
 * @param timeoutSeconds timeout for a whole non-streaming call
 * @param streamTimeoutSeconds timeout before the first and between stream chunks
 * @param maxRetries retries of this deployment
 * @param dropParams drop parameters the provider does not support
 * @param extraHeaders headers added to each provider request
 * @param defaults any other key: a default request parameter for this deployment
 * @param providerSettings provider settings that are not request parameters (AWS
 * credentials and endpoint, guardrailConfig, ...), never sent in a body
 */
public record LitellmParams(String model, @Nullable String apiKey, @Nullable String apiBase,
		@Nullable String apiVersion, @Nullable String awsRegionName, @Nullable Integer weight, @Nullable Integer rpm,
		@Nullable Integer tpm, @Nullable Double timeoutSeconds, @Nullable Double streamTimeoutSeconds,
		@Nullable Integer maxRetries, @Nullable Boolean dropParams, Map<String, String> extraHeaders,
		Map<String, Object> defaults, Map<String, Object> providerSettings) {

	/**
	 * The provider prefix of {@link #model}, or openai when there is none, as in LiteLLM.
	 */
	public String provider() {
		int slash = this.model.indexOf('/');
		return (slash > 0) ? this.model.substring(0, slash) : "openai";
	}

	/** {@link #model} without its provider prefix. */
	public String providerModel() {
		int slash = this.model.indexOf('/');
		return (slash > 0) ? this.model.substring(slash + 1) : this.model;
	}

}
