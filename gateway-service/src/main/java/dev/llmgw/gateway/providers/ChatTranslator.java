package dev.llmgw.gateway.providers;

import dev.llmgw.model.openai.ChatCompletionRequest;

/**
 * One provider's chat schema against OpenAI's, as Envoy AI Gateway has one translator per
 * schema pair: the request, the answer, the stream's events and the error body. The HTTP
 * exchange around it is {@link TranslatedChat}'s, the same for every provider, and
 * adapters that reach the same schema another way (Vertex AI's Gemini and Claude) use the
 * same translator.
 */
public interface ChatTranslator {

	/** The provider's request body for an OpenAI chat request. */
	byte[] requestBody(ChatCompletionRequest request, Deployment deployment, boolean stream);

	/** The provider's answer as an OpenAI chat completion, with its usage. */
	ChatResult completion(byte[] body, ProviderCall call);

	/** The translator of one stream of the provider's events into OpenAI chunks. */
	StreamTranslator streamTranslator(OpenAiChunkWriter writer);

	/** How the provider's error bodies read. */
	ProviderErrors errors();

}
