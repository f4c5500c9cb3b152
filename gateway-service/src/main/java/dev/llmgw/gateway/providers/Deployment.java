package dev.llmgw.gateway.providers;

import java.time.Duration;
import java.util.Map;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.config.LitellmParams;
import dev.llmgw.gateway.config.ModelInfo;
import dev.llmgw.gateway.providers.ProviderSpec;
import org.jspecify.annotations.Nullable;

/**
 * One callable deployment of a model group, with everything resolved at config load so
 * that a call reads no configuration: endpoint, credential and timeouts.
 *
 * @param id stable deployment id (model_info.id, else derived from the params), sent as
 * x-litellm-model-id
 * @param modelName the model group
 * @param provider the provider's spec
 * @param providerModel the model id sent to the provider
 * @param apiBase the endpoint base URL; null when none is configured
 * @param credential the provider key, or why there is none
 * @param params the raw litellm_params, for defaults and provider settings
 * @param modelInfo metadata and prices
 * @param timeout timeout of a whole non-streaming call
 * @param streamTimeout timeout before the first and between stream chunks
 * @param dropParams whether parameters the provider does not support are dropped rather
 * than refused (the deployment's drop_params, else litellm_settings.drop_params)
 * @param setup what the adapter resolved when the deployment was created (Vertex AI's
 * service account and project), null for adapters that need nothing
 */
public record Deployment(String id, String modelName, ProviderSpec provider, String providerModel,
		@Nullable String apiBase, Credential credential, LitellmParams params, ModelInfo modelInfo, Duration timeout,
		Duration streamTimeout, boolean dropParams, @Nullable ProviderSetup setup) {

	/**
	 * What must be set before this deployment can be called: the unset variable that
	 * should hold its key or its base URL ({@code api_base} when no variable would do),
	 * null when nothing is missing. Its calls fail naming the same
	 * ({@link ProviderEndpoints}).
	 */
	public @Nullable String missingSetting() {
		if (this.credential.missingVariable() != null) {
			return this.credential.missingVariable();
		}
		if (this.setup != null) {
			return this.setup.missingSetting();
		}
		if (this.provider.adapter() == ProviderSpec.Adapter.BEDROCK) {
			// the AWS SDK finds its own endpoint and credentials
			return null;
		}
		if (this.apiBase == null && this.provider.adapter() == ProviderSpec.Adapter.SAGEMAKER) {
			// AWS's regional endpoint and the credentials chain need no setting of their
			// own
			return null;
		}
		if (this.apiBase == null) {
			return (this.provider.apiBaseVariable() != null) ? this.provider.apiBaseVariable() : "api_base";
		}
		return EnvironmentLookup.referencedVariable(this.apiBase);
	}

	public int weight() {
		Integer weight = this.params.weight();
		return (weight != null) ? weight : 1;
	}

	public Map<String, Object> defaults() {
		return this.params.defaults();
	}

	/**
	 * This deployment with a call's own {@code timeout} and {@code stream_timeout}, which
	 * LiteLLM lets a request set.
	 * @param fields the request's fields
	 * @return this deployment, or a copy with the request's timeouts
	 */
	public Deployment withTimeoutsOf(Map<String, ? extends @org.jspecify.annotations.Nullable Object> fields) {
		Duration call = seconds(fields.get("timeout"));
		Duration stream = seconds(fields.get("stream_timeout"));
		if (call == null && stream == null) {
			return this;
		}
		Duration newTimeout = (call != null) ? call : this.timeout;
		Duration newStreamTimeout = (stream != null) ? stream : (call != null) ? call : this.streamTimeout;
		return new Deployment(this.id, this.modelName, this.provider, this.providerModel, this.apiBase, this.credential,
				this.params, this.modelInfo, newTimeout, newStreamTimeout, this.dropParams, this.setup);
	}

	private static @Nullable Duration seconds(@Nullable Object value) {
		return (value instanceof Number number && number.doubleValue() > 0)
				? Duration.ofMillis(Math.round(number.doubleValue() * 1000)) : null;
	}

	@Override
	public String toString() {
		return "Deployment[" + this.id + " " + this.modelName + " -> " + this.provider.name() + "/" + this.providerModel
				+ "]";
	}

}
