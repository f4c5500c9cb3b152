package dev.llmgw.gateway.providers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigException;

/**
 * The providers this gateway knows, by the prefix used in {@code litellm_params.model}.
 * Base URLs and key variables follow LiteLLM's, so an existing {@code .env} keeps
 * working.
 */
public final class ProviderCatalog {

	private static final Map<String, ProviderSpec> PROVIDERS = new LinkedHashMap<>();

	static {
		add(ProviderSpec.openAiCompatible("openai", "https://api.openai.com/v1", "OPENAI_API_KEY", "OPENAI_BASE_URL"));
		add(ProviderSpec.openAiCompatible("groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY", "GROQ_API_BASE"));
		add(ProviderSpec.openAiCompatible("deepseek", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY",
				"DEEPSEEK_API_BASE"));
		add(ProviderSpec.openAiCompatible("xai", "https://api.x.ai/v1", "XAI_API_KEY", "XAI_API_BASE"));
		add(ProviderSpec.openAiCompatible("mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY",
				"MISTRAL_API_BASE"));
		add(ProviderSpec.openAiCompatible("codestral", "https://codestral.mistral.ai/v1", "CODESTRAL_API_KEY",
				"CODESTRAL_API_BASE"));
		add(ProviderSpec.openAiCompatible("perplexity", "https://api.perplexity.ai", "PERPLEXITYAI_API_KEY",
				"PERPLEXITY_API_BASE"));
		add(ProviderSpec.openAiCompatible("nvidia_nim", "https://integrate.api.nvidia.com/v1", "NVIDIA_NIM_API_KEY",
				"NVIDIA_NIM_API_BASE"));
		add(ProviderSpec.openAiCompatible("github", "https://models.inference.ai.azure.com", "GITHUB_API_KEY",
				"GITHUB_API_BASE"));
		add(ProviderSpec.openAiCompatible("together_ai", "https://api.together.xyz/v1", "TOGETHERAI_API_KEY",
				"TOGETHERAI_API_BASE"));
		add(ProviderSpec.openAiCompatible("fireworks_ai", "https://api.fireworks.ai/inference/v1",
				"FIREWORKS_AI_API_KEY", "FIREWORKS_AI_API_BASE"));
		add(ProviderSpec.openAiCompatible("huggingface", "https://router.huggingface.co/v1", "HF_TOKEN",
				"HUGGINGFACE_API_BASE"));
		add(ProviderSpec.openAiCompatible("ai21", "https://api.ai21.com/studio/v1", "AI21_API_KEY", "AI21_API_BASE"));
		add(ProviderSpec.openAiCompatible("databricks", null, "DATABRICKS_API_KEY", "DATABRICKS_API_BASE"));
		add(ProviderSpec.openAiCompatible("ollama", "http://localhost:11434/v1", "OLLAMA_API_KEY", "OLLAMA_API_BASE")
			.keyOptional());
		add(ProviderSpec
			.openAiCompatible("ollama_chat", "http://localhost:11434/v1", "OLLAMA_API_KEY", "OLLAMA_API_BASE")
			.keyOptional());
		add(ProviderSpec.openAiCompatible("hosted_vllm", null, "HOSTED_VLLM_API_KEY", "HOSTED_VLLM_API_BASE")
			.keyOptional());
		add(ProviderSpec.openAiCompatible("openai_like", null, "OPENAI_LIKE_API_KEY", null).keyOptional());
		add(ProviderSpec.openAiCompatible("custom_openai", null, "OPENAI_API_KEY", null).keyOptional());
		add(new ProviderSpec("bedrock", ProviderSpec.Adapter.BEDROCK, null, null, null, false, true));
		add(new ProviderSpec("anthropic", ProviderSpec.Adapter.ANTHROPIC, "https://api.anthropic.com",
				"ANTHROPIC_API_KEY", "ANTHROPIC_API_BASE", true, true));
		add(new ProviderSpec("azure", ProviderSpec.Adapter.AZURE_OPENAI, null, "AZURE_API_KEY", "AZURE_API_BASE", true,
				true));
		add(ProviderSpec.openAiCompatible("azure_ai", null, "AZURE_AI_API_KEY", "AZURE_AI_API_BASE"));
		add(new ProviderSpec("gemini", ProviderSpec.Adapter.GEMINI, "https://generativelanguage.googleapis.com",
				"GEMINI_API_KEY", "GEMINI_API_BASE", true, true));
		for (String name : List.of("cohere", "cohere_chat")) {
			add(new ProviderSpec(name, ProviderSpec.Adapter.COHERE, "https://api.cohere.com", "COHERE_API_KEY",
					"COHERE_API_BASE", true, true));
		}
		// LiteLLM sends these to Codestral's fill-in-the-middle endpoint; Codestral's
		// chat endpoint answers the
		// same models, which is what a chat or completions call needs
		add(ProviderSpec.openAiCompatible("text-completion-codestral", "https://codestral.mistral.ai/v1",
				"CODESTRAL_API_KEY", "CODESTRAL_API_BASE"));
		// SageMaker finds its endpoint and credentials as Bedrock does; sagemaker_chat is
		// the same endpoint behind a container's OpenAI Messages API
		for (String name : List.of("sagemaker", "sagemaker_chat")) {
			add(new ProviderSpec(name, ProviderSpec.Adapter.SAGEMAKER, null, null, null, false, false));
		}
		// Vertex AI's host follows the location; its credentials are a service account
		// (VertexSetups), not a key
		add(new ProviderSpec("vertex_ai", ProviderSpec.Adapter.VERTEX_AI, null, null, null, false, true));
	}

	private ProviderCatalog() {
	}

	private static void add(ProviderSpec spec) {
		PROVIDERS.put(spec.name(), spec);
	}

	/** Every provider this gateway knows, in catalog order. */
	public static java.util.Collection<ProviderSpec> all() {
		return java.util.Collections.unmodifiableCollection(PROVIDERS.values());
	}

	/**
	 * Refuses a {@code litellm_params.model} whose provider prefix this gateway does not
	 * know, so that a typo stops the start (or a /model/new) instead of failing the
	 * model's first call.
	 * @param provider the prefix, {@code openai} for a model without one
	 * @param model the whole {@code litellm_params.model}, for the message
	 * @param path where the value is, e.g. {@code model_list[3].litellm_params.model}
	 * @throws ConfigException naming the path, the prefix and the known prefixes
	 */
	public static void requireKnown(String provider, String model, String path) {
		if (!PROVIDERS.containsKey(provider)) {
			throw new ConfigException(path + ": unknown provider '" + provider + "' in \"" + model
					+ "\"; use <provider>/<model id> with one of " + String.join(", ", PROVIDERS.keySet()));
		}
	}

	/**
	 * The provider of a {@code litellm_params.model} prefix.
	 * @param name the prefix
	 * @return its spec, or {@link ProviderSpec.Adapter#UNAVAILABLE} for a name this
	 * gateway does not know
	 */
	public static ProviderSpec get(String name) {
		ProviderSpec spec = PROVIDERS.get(name);
		return (spec != null) ? spec
				: new ProviderSpec(name, ProviderSpec.Adapter.UNAVAILABLE, null, null, null, false, false);
	}

}
