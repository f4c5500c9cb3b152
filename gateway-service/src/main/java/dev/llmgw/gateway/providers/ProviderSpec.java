package dev.llmgw.gateway.providers;

import org.jspecify.annotations.Nullable;

/**
 * What the gateway knows about a provider, as data: which adapter speaks to it, where it
 * lives by default and which environment variables hold its key and base URL. An
 * OpenAI-compatible provider is one of these, not a class.
 *
 * @param name the prefix in {@code litellm_params.model}, e.g. {@code groq}
 * @param adapter the adapter that speaks its protocol
 * @param defaultApiBase base URL when neither api_base nor the base URL variable is set;
 * null when required
 * @param apiKeyVariable environment variable holding the key when api_key is not set
 * @param apiBaseVariable environment variable holding the base URL when api_base is not
 * set
 * @param keyRequired whether a call without a key must fail (false for local servers such
 * as Ollama or vLLM)
 * @param streamUsage whether the provider honours {@code stream_options.include_usage}
 */
public record ProviderSpec(String name, Adapter adapter, @Nullable String defaultApiBase,
		@Nullable String apiKeyVariable, @Nullable String apiBaseVariable, boolean keyRequired, boolean streamUsage) {

	/** The protocols the gateway speaks to providers. */
	public enum Adapter {

		/** OpenAI Chat Completions, used by OpenAI and the OpenAI-compatible family. */
		OPENAI_COMPATIBLE,

		/**
		 * Azure OpenAI: OpenAI's protocol with the deployment and api-version in the URL
		 * and an api-key header.
		 */
		AZURE_OPENAI,

		/** Anthropic's Messages API. */
		ANTHROPIC,

		/** Amazon Bedrock through the AWS SDK: Converse, ConverseStream, InvokeModel. */
		BEDROCK,

		/** Google AI Studio's Gemini API: generateContent, batchEmbedContents. */
		GEMINI,

		/** Cohere's v2 API: chat, embed. */
		COHERE,

		/**
		 * Amazon SageMaker Runtime's InvokeEndpoint and its response stream,
		 * SigV4-signed: Hugging Face TGI's {@code inputs} body ({@code sagemaker}) or the
		 * Messages API's OpenAI body ({@code sagemaker_chat}).
		 */
		SAGEMAKER,

		/**
		 * Google Vertex AI with a service account's access token: Gemini's
		 * generateContent, Claude's rawPredict, the embedding models' predict.
		 */
		VERTEX_AI,

		/**
		 * A provider this gateway does not know, named by a model stored with /model/new
		 * (config.yaml's models are refused at start instead): its calls answer a 400.
		 */
		UNAVAILABLE

	}

	static ProviderSpec openAiCompatible(String name, @Nullable String defaultApiBase, @Nullable String keyVariable,
			@Nullable String baseVariable) {
		return new ProviderSpec(name, Adapter.OPENAI_COMPATIBLE, defaultApiBase, keyVariable, baseVariable, true, true);
	}

	ProviderSpec keyOptional() {
		return new ProviderSpec(this.name, this.adapter, this.defaultApiBase, this.apiKeyVariable, this.apiBaseVariable,
				false, this.streamUsage);
	}

}
